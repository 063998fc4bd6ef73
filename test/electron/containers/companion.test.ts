/** Restags companions, the mini-UID check and the message manager's subject form. */
import { describe, expect, it } from 'vitest';
import { containerChoices } from '../../../electron/containers/container-host.js';
import {
  checkMiniUid,
  filenameMiniUid,
  matchCompanionName,
  matchHistoryName,
} from '../../../electron/containers/lookup.js';
import {
  linkCompanions,
  miniUidFindings,
  readSubjectForm,
  scanFile,
  type ScannedAttachment,
} from '../../../electron/containers/scan.js';
import { RUN_SAMPLE_TESTS, sample } from '../../fixtures/samples.js';

const names = (
  longFilename: string | null,
  filename: string | null,
  displayName: string | null,
) => ({
  longFilename,
  filename,
  displayName,
});

describe('Restags names', () => {
  it('match in the Blob rules’ order and are never a history', () => {
    expect(matchCompanionName(names('RestagsPOPa@x.org', 'Restags0000abcd', null))).toEqual({
      rule: 'long-filename',
      account: 'a@x.org',
      miniUid: null,
    });
    expect(matchCompanionName(names(null, 'RestagsPOPb@x.org', 'RestagsPOPc@x.org'))?.account).toBe(
      'b@x.org',
    );
    expect(matchCompanionName(names(null, null, 'RestagsPOPc@x.org'))?.rule).toBe('display-name');
    expect(matchCompanionName(names(null, 'Restagsda8ea945', null))).toEqual({
      rule: 'mini-uid',
      account: null,
      miniUid: 'da8ea945',
    });
    expect(matchCompanionName(names(null, 'RestagsDA8EA945', null))).toBeNull();
    expect(matchCompanionName(names('RestagsPOP', null, null))).toBeNull();
    expect(matchHistoryName(names('RestagsPOPa@x.org', 'Restagsda8ea945', null))).toBeNull();
    expect(filenameMiniUid('Blobda8ea945')).toBe('da8ea945');
    expect(filenameMiniUid('Restagsda8ea945')).toBe('da8ea945');
    expect(filenameMiniUid('Blobda8ea94')).toBeNull();
  });
});

describe('the mini-UID check (PR_ATTACH_ADDITIONAL_INFO against the filename)', () => {
  it('matches when the 4 bytes reversed are the filename hex', () => {
    expect(checkMiniUid('Blobda8ea945', Uint8Array.of(0x45, 0xa9, 0x8e, 0xda))).toEqual({
      filename: 'da8ea945',
      additionalInfo: '45a98eda',
      matches: true,
    });
  });

  it('does not match the same bytes in filename order, nor another length', () => {
    expect(checkMiniUid('Blobda8ea945', Uint8Array.of(0xda, 0x8e, 0xa9, 0x45))?.matches).toBe(
      false,
    );
    expect(checkMiniUid('Blobda8ea945', Uint8Array.of(0x45, 0xa9, 0x8e, 0xda, 0))?.matches).toBe(
      false,
    );
  });

  it('makes a mismatch a finding, and only a mismatch', () => {
    expect(miniUidFindings(checkMiniUid('Blobda8ea945', Uint8Array.of(1, 2, 3, 4)))).toEqual([
      "PR_ATTACH_ADDITIONAL_INFO (0x370F) 01020304 is not the filename's da8ea945 with its " +
        'bytes reversed: they name different mini UIDs',
    ]);
    expect(
      miniUidFindings(checkMiniUid('Blobda8ea945', Uint8Array.of(0x45, 0xa9, 0x8e, 0xda))),
    ).toEqual([]);
    expect(miniUidFindings(checkMiniUid('Blob0000abcd', null))).toEqual([]);
  });

  it('says nothing it cannot check', () => {
    expect(checkMiniUid('BlobPOPa@x.org', null)).toBeNull();
    expect(checkMiniUid('BlobPOPa@x.org', Uint8Array.of(1, 2, 3, 4))).toEqual({
      filename: null,
      additionalInfo: '01020304',
      matches: null,
    });
    expect(checkMiniUid('Blob0000abcd', null)).toEqual({
      filename: '0000abcd',
      additionalInfo: null,
      matches: null,
    });
  });
});

function attachment(overrides: Partial<ScannedAttachment>): ScannedAttachment {
  return {
    number: 1,
    index: 0,
    longFilename: null,
    filename: null,
    displayName: null,
    size: null,
    dataBytes: 0,
    method: 1,
    kind: 'binary',
    rule: null,
    account: null,
    miniUid: null,
    history: null,
    note: null,
    additionalInfo: null,
    miniUidCheck: null,
    companion: null,
    findings: [],
    ...overrides,
  };
}

describe('linkCompanions', () => {
  it('links by address (any case), else by the filename hex, else to none', () => {
    const linked = linkCompanions([
      attachment({
        number: 1,
        rule: 'long-filename',
        account: 'A@x.org',
        filename: 'Blob0000aaaa',
      }),
      attachment({ number: 2, rule: 'mini-uid', filename: 'Blob0000bbbb', miniUid: '0000bbbb' }),
      attachment({
        number: 3,
        companion: { rule: 'long-filename', account: 'a@X.org', historyNumber: null },
      }),
      attachment({
        number: 4,
        filename: 'Restags0000bbbb',
        companion: { rule: 'mini-uid', account: null, historyNumber: null },
      }),
      attachment({
        number: 5,
        companion: { rule: 'display-name', account: 'z@x.org', historyNumber: null },
      }),
    ]);
    expect(linked.map((a) => a.companion?.historyNumber ?? null)).toEqual([null, null, 1, 2, null]);
    expect(linked[2]!.companion?.account).toBe('a@X.org');
  });
});

describe('the message manager subject', () => {
  it('reads the General Key form and decodes its key', () => {
    expect(
      readSubjectForm(
        'Outlook Message Manager () (KEY: 47656E6572616C204B657900)',
        '47656E6572616C204B657900',
      ),
    ).toEqual({
      profile: '',
      key: '47656E6572616C204B657900',
      keyText: 'General Key',
      matchesConversationKey: true,
    });
  });

  it('keeps a binary key as hex, and says when it is not the conversation key', () => {
    expect(
      readSubjectForm('Outlook Message Manager (Outlook) (KEY: 77A13279)', '00112233'),
    ).toEqual({
      profile: 'Outlook',
      key: '77A13279',
      keyText: null,
      matchesConversationKey: false,
    });
    expect(readSubjectForm('Outlook Message Manager (P) (KEY: 414)', null)).toBeNull();
    expect(readSubjectForm('Re: hello', null)).toBeNull();
    expect(readSubjectForm(null, null)).toBeNull();
  });
});

describe.runIf(RUN_SAMPLE_TESTS)('the chooser of a real Outlook-written PST', () => {
  it('lists the history, then its Restags companion with size and mini UID, never as a history', async () => {
    const { report } = await scanFile(sample('tghanem-pst_user1-test-lab_cb6a861.pst'));
    const choices = containerChoices(report, 'user1.pst');
    expect(choices.map((c) => [c.number, c.rule, c.entryCount, c.bytes])).toEqual([
      [1, 'long-filename', 4, 84],
      [2, null, null, 0],
    ]);
    expect(choices[0]).toMatchObject({
      account: 'user1@test.lab',
      lastActivity: '2017-06-17T14:21:03Z',
      diagnostics: { error: 0, warning: 0, info: 1 },
      companion: null,
      miniUid: { filename: 'da8ea945', additionalInfo: '45a98eda', matches: true },
    });
    expect(choices[1]).toMatchObject({
      attachmentName: 'RestagsPOPuser1@test.lab',
      account: null,
      companion: { account: 'user1@test.lab', historyNumber: 1, rule: 'long-filename' },
      miniUid: { filename: 'da8ea945', additionalInfo: '45a98eda', matches: true },
    });
  });
});
