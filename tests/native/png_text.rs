//! PNG text chunks over bytes (`formats::png`): UTF-8 `iTXt` with a correct CRC, inserted after
//! the header and read back — the export's title keeps its em dash.

use cascade_lab::formats::png::{chunk, chunks, crc32, dimensions, itxt_chunk, texts, with_text, SIGNATURE};

/// A minimal valid PNG: 2×1 RGB, one IDAT (zlib, stored block), IEND.
fn tiny_png() -> Vec<u8> {
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&2u32.to_be_bytes());
    ihdr.extend_from_slice(&1u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    // One row: filter 0, two RGB pixels; zlib header, a stored block, Adler-32.
    let raw = [0u8, 255, 0, 0, 0, 0, 255];
    let mut z = vec![0x78, 0x01, 0x01, raw.len() as u8, 0, !(raw.len() as u8), 0xff];
    z.extend_from_slice(&raw);
    let (mut a, mut b) = (1u32, 0u32);
    for &x in &raw {
        a = (a + x as u32) % 65521;
        b = (b + a) % 65521;
    }
    z.extend_from_slice(&((b << 16) | a).to_be_bytes());
    let mut png = SIGNATURE.to_vec();
    png.extend(chunk(b"IHDR", &ihdr));
    png.extend(chunk(b"IDAT", &z));
    png.extend(chunk(b"IEND", &[]));
    png
}

#[test]
fn crc_is_png_s_crc32() {
    // The check value of CRC-32/ISO-HDLC, and IEND's well-known CRC.
    assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
    assert_eq!(chunk(b"IEND", &[]), vec![0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xae, 0x42, 0x60, 0x82]);
}

#[test]
fn an_itxt_chunk_is_keyword_flags_empty_tags_and_utf8_text() {
    let title = "Cascade Lab — what customers see";
    let c = itxt_chunk("Title", title);
    let len = u32::from_be_bytes([c[0], c[1], c[2], c[3]]) as usize;
    assert_eq!(&c[4..8], b"iTXt");
    assert_eq!(len, c.len() - 12);
    let data = &c[8..8 + len];
    let mut want = b"Title\0\0\0\0\0".to_vec();
    want.extend_from_slice(title.as_bytes());
    assert_eq!(data, &want[..], "keyword, NUL, flag 0, method 0, empty language, empty translated keyword, UTF-8");
    assert!(data.windows(3).any(|w| w == "—".as_bytes()), "the em dash as UTF-8 (E2 80 94)");
    assert_eq!(u32::from_be_bytes(c[c.len() - 4..].try_into().unwrap()), crc32(&c[4..c.len() - 4]));
    // A keyword PNG cannot hold is cleaned, never left empty.
    assert!(itxt_chunk("Tïtle\n", "x")[8..].starts_with(b"Ttle\0"));
    assert!(itxt_chunk("", "x")[8..].starts_with(b"Comment\0"));
}

#[test]
fn text_goes_after_the_header_and_reads_back() {
    let png = tiny_png();
    assert!(chunks(&png).iter().all(|c| c.2), "the test image itself is valid");
    let link = "https://docs.example/cascade/?v=1&ttl=30&t=20";
    let out = with_text(&png, &[("Title", "Cascade Lab — charts"), ("Source", link), ("Software", "Cascade Lab")]).unwrap();
    let kinds: Vec<[u8; 4]> = chunks(&out).iter().map(|c| c.0).collect();
    assert_eq!(kinds, vec![*b"IHDR", *b"iTXt", *b"iTXt", *b"iTXt", *b"IDAT", *b"IEND"]);
    assert!(chunks(&out).iter().all(|c| c.2), "every CRC checks");
    assert_eq!(texts(&out), vec![("Title".into(), "Cascade Lab — charts".into()), ("Source".into(), link.into()), ("Software".into(), "Cascade Lab".into())]);
    assert_eq!(dimensions(&out), Some((2, 1)));
    assert_eq!(&out[out.len() - 12..], &png[png.len() - 12..], "the image data is untouched");
    assert_eq!(with_text(b"GIF89a", &[("Title", "x")]), None);
    // A corrupted byte is caught by its CRC.
    let mut bad = out.clone();
    bad[8 + 25 + 12] ^= 1;
    assert!(!chunks(&bad)[1].2);
}
