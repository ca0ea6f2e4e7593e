"""From bytes to clean text: decoding (encodings, byte-order marks, binary
sniffing) and the one cleaning rule for characters no output can carry.

Every reader uses these, so every format sees the same characters."""
