//! The README's screenshots were taken from this release. `bash tools/screenshots.sh` takes them
//! from the current build and records the release in each PNG (a `tEXt` chunk
//! `crocus-corpus-release`); after a version bump this test fails until they are taken again.

use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const SCREENSHOTS: &[&str] = &["docs/screenshot-desktop.png", "docs/screenshot-phone.png"];

/// The `tEXt` chunks of a PNG, as (keyword, text); `None` when the bytes are not a well-formed PNG.
fn text_chunks(png: &[u8]) -> Option<Vec<(String, String)>> {
    let mut rest = png.strip_prefix(b"\x89PNG\r\n\x1a\n")?;
    let mut texts = Vec::new();
    loop {
        let len = u32::from_be_bytes(rest.get(..4)?.try_into().ok()?) as usize;
        let kind = rest.get(4..8)?;
        let data = rest.get(8..8 + len)?;
        rest.get(8 + len..12 + len)?; // the CRC
        if kind == b"tEXt" {
            let nul = data.iter().position(|&b| b == 0)?;
            // Latin-1, as PNG's tEXt is.
            let latin1 = |b: &[u8]| b.iter().map(|&c| char::from(c)).collect::<String>();
            texts.push((latin1(&data[..nul]), latin1(&data[nul + 1..])));
        }
        if kind == b"IEND" {
            return Some(texts);
        }
        rest = &rest[12 + len..];
    }
}

#[test]
fn screenshots_record_this_release() {
    for rel in SCREENSHOTS {
        let png = std::fs::read(Path::new(ROOT).join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        let texts = text_chunks(&png).unwrap_or_else(|| panic!("{rel} is not a well-formed PNG"));
        let release = texts.iter().find(|(k, _)| k == "crocus-corpus-release").map(|(_, v)| v.as_str());
        assert_eq!(
            release,
            Some(env!("CARGO_PKG_VERSION")),
            "{rel} was taken from release {release:?}, the crate is {}: run `bash tools/screenshots.sh`",
            env!("CARGO_PKG_VERSION")
        );
    }
}

#[test]
fn the_readme_shows_the_screenshot() {
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).unwrap();
    assert!(readme.contains("](docs/screenshot-desktop.png)"));
}

#[test]
fn text_chunks_are_read() {
    fn chunk(kind: &[u8], data: &[u8]) -> Vec<u8> {
        let mut c = (data.len() as u32).to_be_bytes().to_vec();
        c.extend_from_slice(kind);
        c.extend_from_slice(data);
        c.extend_from_slice(&[0; 4]); // CRC: not checked here
        c
    }
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(chunk(b"IHDR", &[0; 13]));
    png.extend(chunk(b"tEXt", b"crocus-corpus-release\x000.1.0"));
    png.extend(chunk(b"IEND", b""));
    assert_eq!(text_chunks(&png), Some(vec![("crocus-corpus-release".into(), "0.1.0".into())]));
    assert_eq!(text_chunks(&png[..png.len() - 3]), None);
    assert_eq!(text_chunks(b"GIF89a"), None);
}
