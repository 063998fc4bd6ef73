/**
 * A self-signed certificate and its key for the fake POP3 servers of the client tests:
 * CN and subjectAltName localhost and 127.0.0.1, valid from 2000 to 2100 (so no clock makes it
 * expire), generated once with openssl. Test material only: it protects nothing.
 */
export const TEST_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgZngopkOtgBcB2tdM
s6qOzuJ5qGKJHLtJNVYaDblyXQyhRANCAARdmrLr6XMbmveusme6Ae6jkObjWMwj
jcwH9Q5NXDWmxslRxPez9yYfQMZPc3U7YDzqJgLllwBKrTcTFpc2RifZ
-----END PRIVATE KEY-----
`;

export const TEST_CERTIFICATE = `-----BEGIN CERTIFICATE-----
MIIBZjCCAQ2gAwIBAgIBATAKBggqhkjOPQQDAjAUMRIwEAYDVQQDDAlsb2NhbGhv
c3QwIBcNMDAwMTAxMDAwMDAwWhgPMjEwMDAxMDEwMDAwMDBaMBQxEjAQBgNVBAMM
CWxvY2FsaG9zdDBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABF2asuvpcxua966y
Z7oB7qOQ5uNYzCONzAf1Dk1cNabGyVHE97P3Jh9Axk9zdTtgPOomAuWXAEqtNxMW
lzZGJ9mjTjBMMA8GA1UdEwEB/wQFMAMBAf8wGgYDVR0RBBMwEYIJbG9jYWxob3N0
hwR/AAABMB0GA1UdDgQWBBS+m6S8g6UObgUg8Vz96bJibjLm1zAKBggqhkjOPQQD
AgNHADBEAiAgWomNWVawY6P3V/pQXTDJCRgyGlUN85Lijn8qLmnxdwIgbiB46E9Q
69ZN07H2skhKYPZYozMHiiUUGjMxahXT+mo=
-----END CERTIFICATE-----
`;
