//! Text in PNG files, over bytes: the export's title and share link as UTF-8 `iTXt` chunks (so
//! "Cascade Lab — …" keeps its em dash, which Latin-1 `tEXt` cannot hold), inserted after the
//! header chunk, and read back. Pure, so the bytes are tested natively (`tests/native/png_text.rs`).

/// The PNG signature every file starts with.
pub const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];

/// CRC-32 (ISO 3309, as PNG uses it) of `bytes`.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut c = 0xffff_ffffu32;
    for &b in bytes {
        c ^= b as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 { 0xedb8_8320 ^ (c >> 1) } else { c >> 1 };
        }
    }
    !c
}

/// A whole chunk: length, type, data, CRC over type and data.
pub fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(12 + data.len());
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    out.extend_from_slice(&crc32(&out[4..]).to_be_bytes());
    out
}

/// An uncompressed international text chunk: the keyword (1 – 79 printable Latin-1
/// characters; anything else is dropped and it is cut at 79), a NUL, compression flag 0,
/// method 0, an empty language tag and an empty translated keyword (each NUL-ended), then
/// `text` as UTF-8.
pub fn itxt_chunk(keyword: &str, text: &str) -> Vec<u8> {
    let key: Vec<u8> = keyword.bytes().filter(|b| (32..=126).contains(b)).take(79).collect();
    let key = if key.is_empty() { b"Comment".to_vec() } else { key };
    let mut data = key;
    data.extend_from_slice(&[0, 0, 0, 0, 0]);
    data.extend_from_slice(text.as_bytes());
    chunk(b"iTXt", &data)
}

/// `png` with an `iTXt` chunk for each (keyword, text) right after its header chunk; `None`
/// when `png` does not start with a signature and an `IHDR`.
pub fn with_text(png: &[u8], texts: &[(&str, &str)]) -> Option<Vec<u8>> {
    // Signature (8) + IHDR (4 length + 4 type + 13 data + 4 CRC).
    let at = 8 + 25;
    if png.len() < at || png[..8] != SIGNATURE || &png[12..16] != b"IHDR" {
        return None;
    }
    let mut out = png[..at].to_vec();
    for (k, v) in texts {
        out.extend(itxt_chunk(k, v));
    }
    out.extend_from_slice(&png[at..]);
    Some(out)
}

/// The file's chunks in order: type and data, each checked against its CRC (`false` when the
/// CRC does not match). Stops at a truncated chunk.
pub fn chunks(png: &[u8]) -> Vec<([u8; 4], &[u8], bool)> {
    let mut out = Vec::new();
    let mut at = 8;
    while at + 12 <= png.len() {
        let len = u32::from_be_bytes([png[at], png[at + 1], png[at + 2], png[at + 3]]) as usize;
        let Some(end) = (at + 8).checked_add(len).filter(|&e| e + 4 <= png.len()) else { break };
        let kind = [png[at + 4], png[at + 5], png[at + 6], png[at + 7]];
        let crc = u32::from_be_bytes([png[end], png[end + 1], png[end + 2], png[end + 3]]);
        out.push((kind, &png[at + 8..end], crc32(&png[at + 4..end]) == crc));
        at = end + 4;
    }
    out
}

/// The uncompressed text chunks (`tEXt` as Latin-1, `iTXt` as UTF-8) as (keyword, text).
pub fn texts(png: &[u8]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (kind, data, _) in chunks(png) {
        let Some(z) = data.iter().position(|&b| b == 0) else { continue };
        let key: String = data[..z].iter().map(|&b| b as char).collect();
        match &kind {
            b"tEXt" => out.push((key, data[z + 1..].iter().map(|&b| b as char).collect())),
            // Keyword NUL, flag, method, language NUL, translated keyword NUL, text.
            b"iTXt" if data.get(z + 1) == Some(&0) => {
                let rest = &data[(z + 3).min(data.len())..];
                let Some(l) = rest.iter().position(|&b| b == 0) else { continue };
                let rest = &rest[l + 1..];
                let Some(t) = rest.iter().position(|&b| b == 0) else { continue };
                if let Ok(text) = std::str::from_utf8(&rest[t + 1..]) {
                    out.push((key, text.to_string()));
                }
            }
            _ => {}
        }
    }
    out
}

/// The width and height in the header chunk.
pub fn dimensions(png: &[u8]) -> Option<(u32, u32)> {
    if png.len() < 24 || png[..8] != SIGNATURE || &png[12..16] != b"IHDR" {
        return None;
    }
    Some((u32::from_be_bytes([png[16], png[17], png[18], png[19]]), u32::from_be_bytes([png[20], png[21], png[22], png[23]])))
}
