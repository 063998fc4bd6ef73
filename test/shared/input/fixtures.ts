// Sample BLOBs and the text real tools print for them (generated once with xxd 2022-01-14,
// hexdump -C (util-linux), base64 (coreutils), and the regedit/MFCMAPI formats).

/** docs/FORMAT.md's worked example: `03 00 01 00` and the tag for UID 0BC535DB-EA63-11E1-A75C-00215AD7BB74. */
export const EXAMPLE_BLOB = Uint8Array.from([
  0x03, 0x00, 0x01, 0x00, 0x2b, 0x62, 0x32, 0x30, 0x31, 0x32, 0x30, 0x39, 0x30, 0x36, 0x31, 0x33,
  0x31, 0x31, 0x33, 0x38, 0x30, 0x42, 0x43, 0x35, 0x33, 0x35, 0x44, 0x42, 0x24, 0x32, 0x64, 0x45,
  0x41, 0x36, 0x33, 0x24, 0x32, 0x64, 0x31, 0x31, 0x45, 0x31, 0x24, 0x32, 0x64, 0x41, 0x37, 0x35,
  0x43, 0x24, 0x32, 0x64, 0x30, 0x30, 0x32, 0x31, 0x35, 0x41, 0x44, 0x37, 0x42, 0x42, 0x37, 0x34,
  0x00,
]);

/**
 * Two tags whose UIDs are Dovecot's `%08Xu%08Xv` (all hex digits), so that whole lines of a
 * dump's text column look like hex: `1138000000014F3A`, `31142000000024F3`.
 */
export const DOVECOT_BLOB = new TextEncoder().encode(
  '\x03\x00\x02\x00+b20120906131138000000014F3A2B1C\x00+b20120906131142000000024F3A2B1C\x00',
);

/** `xxd -p example.bin` */
export const EXAMPLE_XXD_PLAIN = `030001002b62323031323039303631333131333830424335333544422432
644541363324326431314531243264413735432432643030323135414437
4242373400
`;

/** `xxd example.bin` */
export const EXAMPLE_XXD = `00000000: 0300 0100 2b62 3230 3132 3039 3036 3133  ....+b2012090613
00000010: 3131 3338 3042 4335 3335 4442 2432 6445  11380BC535DB$2dE
00000020: 4136 3324 3264 3131 4531 2432 6441 3735  A63$2d11E1$2dA75
00000030: 4324 3264 3030 3231 3541 4437 4242 3734  C$2d00215AD7BB74
00000040: 00                                       .
`;

/** `hexdump -C example.bin` */
export const EXAMPLE_HEXDUMP = `00000000  03 00 01 00 2b 62 32 30  31 32 30 39 30 36 31 33  |....+b2012090613|
00000010  31 31 33 38 30 42 43 35  33 35 44 42 24 32 64 45  |11380BC535DB$2dE|
00000020  41 36 33 24 32 64 31 31  45 31 24 32 64 41 37 35  |A63$2d11E1$2dA75|
00000030  43 24 32 64 30 30 32 31  35 41 44 37 42 42 37 34  |C$2d00215AD7BB74|
00000040  00                                                |.|
00000041
`;

/** `xxd dovecot.bin` */
export const DOVECOT_XXD = `00000000: 0300 0200 2b62 3230 3132 3039 3036 3133  ....+b2012090613
00000010: 3131 3338 3030 3030 3030 3031 3446 3341  1138000000014F3A
00000020: 3242 3143 002b 6232 3031 3230 3930 3631  2B1C.+b201209061
00000030: 3331 3134 3230 3030 3030 3030 3234 4633  31142000000024F3
00000040: 4132 4231 4300                           A2B1C.
`;

/** `xxd -g1 dovecot.bin` */
export const DOVECOT_XXD_G1 = `00000000: 03 00 02 00 2b 62 32 30 31 32 30 39 30 36 31 33  ....+b2012090613
00000010: 31 31 33 38 30 30 30 30 30 30 30 31 34 46 33 41  1138000000014F3A
00000020: 32 42 31 43 00 2b 62 32 30 31 32 30 39 30 36 31  2B1C.+b201209061
00000030: 33 31 31 34 32 30 30 30 30 30 30 30 32 34 46 33  31142000000024F3
00000040: 41 32 42 31 43 00                                A2B1C.
`;

/** `hexdump -C dovecot.bin` */
export const DOVECOT_HEXDUMP = `00000000  03 00 02 00 2b 62 32 30  31 32 30 39 30 36 31 33  |....+b2012090613|
00000010  31 31 33 38 30 30 30 30  30 30 30 31 34 46 33 41  |1138000000014F3A|
00000020  32 42 31 43 00 2b 62 32  30 31 32 30 39 30 36 31  |2B1C.+b201209061|
00000030  33 31 31 34 32 30 30 30  30 30 30 30 32 34 46 33  |31142000000024F3|
00000040  41 32 42 31 43 00                                 |A2B1C.|
00000046
`;

/** `xxd` of the 20 bytes `0123456789ABCDEF0123`: every text column is hex digits. */
export const HEX_DIGITS_XXD = `00000000: 3031 3233 3435 3637 3839 4142 4344 4546  0123456789ABCDEF
00000010: 3031 3233                                0123
`;

/** `hexdump -C` of 93 bytes: 80 × 'A' then `AAAAAAAAAAAAB`; the repeated lines become '*'. */
export const SQUEEZED_HEXDUMP = `00000000  41 41 41 41 41 41 41 41  41 41 41 41 41 41 41 41  |AAAAAAAAAAAAAAAA|
*
00000050  41 41 41 41 41 41 41 41  41 41 41 41 42           |AAAAAAAAAAAAB|
0000005d
`;

/** `base64 example.bin` (76-column lines). */
export const EXAMPLE_BASE64 = `AwABACtiMjAxMjA5MDYxMzExMzgwQkM1MzVEQiQyZEVBNjMkMmQxMUUxJDJkQTc1QyQyZDAwMjE1
QUQ3QkI3NAA=
`;

/** A Registry Editor export of the example as a REG_BINARY value (regedit writes CRLF). */
export const EXAMPLE_REG = [
  'Windows Registry Editor Version 5.00',
  '',
  '[HKEY_CURRENT_USER\\Software\\UIDL Studio\\Samples]',
  '"POP3 UIDL History"=hex:03,00,01,00,2b,62,32,30,31,32,30,39,30,36,31,33,31,31,\\',
  '  33,38,30,42,43,35,33,35,44,42,24,32,64,45,41,36,33,24,32,64,31,31,45,31,24,\\',
  '  32,64,41,37,35,43,24,32,64,30,30,32,31,35,41,44,37,42,42,37,34,00',
  '',
  '',
].join('\r\n');

/**
 * An export of an Outlook profile key, where values of several types sit together; the first
 * binary value is the account name (UTF-16LE), not the BLOB.
 */
export const PROFILE_REG = [
  'Windows Registry Editor Version 5.00',
  '',
  '[HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\\Outlook\\9375CFF0413111d3B88A00104B2A6676\\00000002]',
  '"Account Name"=hex:50,00,4f,00,50,00,33,00,20,00,61,00,63,00,63,00,6f,00,75,00,\\',
  '  6e,00,74,00,00,00',
  '"clsid"="{ED475411-B0D6-11D2-8C3B-00104B2A6676}"',
  '"Mini UID"=dword:6d3b1c0a',
  '"Display Name"=hex(2):50,00,4f,00,50,00,00,00',
  '"POP3 UIDL History"=hex:03,00,01,00,2b,62,32,30,31,32,30,39,30,36,31,33,31,31,\\',
  '  33,38,30,42,43,35,33,35,44,42,24,32,64,45,41,36,33,24,32,64,31,31,45,31,24,\\',
  '  32,64,41,37,35,43,24,32,64,30,30,32,31,35,41,44,37,42,42,37,34,00',
  '"Flags"=hex(3):01,00',
  '',
  '',
].join('\r\n');

/** MFCMAPI's Value column for the example's PR_ATTACH_DATA_BIN. */
export const EXAMPLE_MFCMAPI =
  'cb: 65 lpb: 030001002B623230313230393036313331313338304243353335444224326445413633243264313145312432644137354324326430303231354144374242373400';
