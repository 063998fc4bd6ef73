# The UIDL history BLOB's layout (FORMAT.md), for the benchmark's reference parser
# (bench/kaitai/uidl-history.ts, written in the shape kaitai-struct-compiler generates for
# JavaScript from this file). Layout only: no escapes decoded, no diagnostics.
meta:
  id: uidl_history
  title: Outlook POP3 UIDL download history (BlobPOP)
  endian: le
  encoding: ASCII
seq:
  - id: version
    type: u2
  - id: count
    type: u2
  - id: tags
    type: tag
    repeat: eos
types:
  tag:
    seq:
      - id: op
        type: str
        size: 1
      - id: content
        type: str
        size: 1
      - id: timestamp
        type: str
        size: 14
      - id: uid
        type: strz
