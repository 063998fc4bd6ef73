/**
 * Remembered POP3 passwords, encrypted by the OS keychain through Electron's `safeStorage`
 * (DPAPI on Windows, the Keychain on macOS, the Secret Service or KWallet on Linux). A
 * password is only ever kept sealed; where no real keychain is available nothing is kept.
 */

/** The part of Electron's `safeStorage` used here, so tests can pass a fake. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /**
   * Linux only in Electron: `basic_text` means no keyring was found and Electron would
   * "encrypt" with a key built into every copy of Chromium, which protects nothing.
   */
  getSelectedStorageBackend?(): string;
}

export interface PasswordVault {
  /** Whether passwords can be sealed by a real OS keychain now. */
  available(): boolean;
  /** The sealed password as base64; null when no keychain is available or it failed. */
  seal(password: string): string | null;
  /** The password again; null when it cannot be unsealed (keychain gone, another user). */
  open(sealed: string): string | null;
}

export function createPasswordVault(safeStorage: SafeStorageLike): PasswordVault {
  const available = (): boolean => {
    try {
      if (!safeStorage.isEncryptionAvailable()) return false;
      return safeStorage.getSelectedStorageBackend?.() !== 'basic_text';
    } catch {
      return false; // e.g. asked before the app is ready: treat as unavailable
    }
  };
  return {
    available,
    seal(password) {
      if (!available()) return null;
      try {
        return safeStorage.encryptString(password).toString('base64');
      } catch {
        return null;
      }
    },
    open(sealed) {
      if (!available()) return null;
      try {
        return safeStorage.decryptString(Buffer.from(sealed, 'base64'));
      } catch {
        return null;
      }
    },
  };
}
