//! A QR code of a deep link as an SVG path, so a phone can open the link from another screen.
//! Encoding by `qrcodegen` (medium error correction); drawn as one path of unit squares with a
//! four-module quiet zone, for inline SVG (no image file, nothing for the CSP to allow).

use qrcodegen::{QrCode, QrCodeEcc};

/// The quiet zone around the code, in modules (the standard asks for four).
pub const QUIET_ZONE: i32 = 4;

/// A code ready to draw: `viewBox="0 0 {size} {size}"` and `<path d="{path}"/>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QrSvg {
    /// Width and height in modules, quiet zone included.
    pub size: i32,
    /// Dark modules as `M{x},{y}h1v1h-1z` squares.
    pub path: String,
}

/// The code for `text`; `None` when the text is too long for any QR version.
pub fn qr_svg(text: &str) -> Option<QrSvg> {
    let qr = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let mut path = String::new();
    for y in 0..qr.size() {
        for x in 0..qr.size() {
            if qr.get_module(x, y) {
                path.push_str(&format!("M{},{}h1v1h-1z", x + QUIET_ZONE, y + QUIET_ZONE));
            }
        }
    }
    Some(QrSvg { size: qr.size() + 2 * QUIET_ZONE, path })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dark(svg: &QrSvg, x: i32, y: i32) -> bool {
        svg.path.contains(&format!("M{},{}h1v1h-1z", x + QUIET_ZONE, y + QUIET_ZONE))
    }

    #[test]
    fn a_link_becomes_a_code_with_finder_patterns_and_a_quiet_zone() {
        let link = "https://pim.example/activate?items=e:62e90394-69f5-4237-9190-012177145e10@%2F,a:acdd72a7@%2Fsubscriptions%2Fdev&d=PT2H&j=Incident%2042";
        let svg = qr_svg(link).unwrap();
        let modules = svg.size - 2 * QUIET_ZONE;
        assert!((21..=177).contains(&modules) && (modules - 17) % 4 == 0, "a valid QR size: {modules}");
        // The three finder patterns: dark corners, a light ring, a dark centre.
        for (cx, cy) in [(0, 0), (modules - 7, 0), (0, modules - 7)] {
            assert!(dark(&svg, cx, cy) && dark(&svg, cx + 6, cy + 6), "finder corner at {cx},{cy}");
            assert!(!dark(&svg, cx + 1, cy + 1), "light ring at {cx},{cy}");
            assert!(dark(&svg, cx + 3, cy + 3), "dark centre at {cx},{cy}");
        }
        // Nothing is drawn in the quiet zone.
        assert!(!svg.path.contains("M0,") && !svg.path.contains(",0h"));
        // Longer links need larger codes; absurd ones are refused instead of truncated.
        assert!(qr_svg(&format!("{link}{}", "x".repeat(300))).unwrap().size > svg.size);
        assert_eq!(qr_svg(&"x".repeat(5000)), None);
    }
}
