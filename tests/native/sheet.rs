//! The export sheet's layout (`views::sheet`): 1× and 2× are one layout at two scales, a slide
//! is exactly 1920×1080 with the figure filling what the text leaves, and "figure only" is the
//! figure alone.

use cascade_lab::views::sheet::{fit, split_top, FigureNeed, PngSize, Rect, SheetLayout, SheetOptions, SHEET_W, SLIDE_MAX_SCALE};

fn charts(_w: f64) -> FigureNeed {
    FigureNeed { natural: 640.0, least: 450.0 }
}

#[test]
fn two_x_is_the_one_x_layout_with_every_pixel_doubled() {
    for bare in [false, true] {
        for lines in [0, 2, 3] {
            let one = SheetLayout::new(SheetOptions { size: PngSize::One, bare }, lines, charts);
            let two = SheetLayout::new(SheetOptions { size: PngSize::Two, bare }, lines, charts);
            assert_eq!((one.width_px, two.width_px), (1200, 2400));
            assert_eq!(two.height_px, 2 * one.height_px);
            assert_eq!((one.scale, two.scale), (1.0, 2.0));
            // The same logical layout.
            assert_eq!(
                (one.w, one.h, one.figure, &one.line_ys, one.title_y, one.footer_y),
                (two.w, two.h, two.figure, &two.line_ys, two.title_y, two.footer_y)
            );
            assert_eq!(one.figure.h, 640.0);
        }
    }
    let l = SheetLayout::new(SheetOptions::default(), 2, charts);
    // The layout the 1× export always had: title, two lines, the figure, the link.
    assert_eq!(l.height_px, (24.0 + 30.0 + 44.0 + 8.0 + 640.0 + 34.0) as u32);
    assert_eq!(l.figure, Rect { x: 0.0, y: 106.0, w: 1200.0, h: 640.0 });
    assert_eq!((l.title_y, l.line_ys.clone(), l.footer_y), (Some(44.0), vec![72.0, 94.0], Some(768.0)));
}

#[test]
fn figure_only_has_no_text_and_is_shorter() {
    let full = SheetLayout::new(SheetOptions { size: PngSize::One, bare: false }, 2, charts);
    let bare = SheetLayout::new(SheetOptions { size: PngSize::One, bare: true }, 2, charts);
    assert_eq!((bare.title_y, bare.line_ys.len(), bare.footer_y), (None, 0, None));
    assert_eq!((bare.height_px, bare.figure), (640, Rect { x: 0.0, y: 0.0, w: 1200.0, h: 640.0 }));
    assert!(bare.height_px < full.height_px);
}

#[test]
fn a_slide_is_exactly_1920_by_1080_and_the_figure_fills_it() {
    for bare in [false, true] {
        for lines in [1, 2, 3, 6] {
            for need in [charts as fn(f64) -> FigureNeed, |w| FigureNeed { natural: 476.0 + 640.0, least: if w >= 1246.0 { 320.0 } else { 476.0 } + 420.0 }] {
                let l = SheetLayout::new(SheetOptions { size: PngSize::Slide, bare }, lines, need);
                assert_eq!((l.width_px, l.height_px), (1920, 1080), "bare {bare}, {lines} lines");
                assert!((l.w * l.scale - 1920.0).abs() < 1e-6 && (l.h * l.scale - 1080.0).abs() < 1e-6);
                assert!(l.scale >= 1.0 && l.scale <= SLIDE_MAX_SCALE);
                // The figure spans the width and everything between the text, on whole pixels.
                let (x, y, w, h) = l.px(l.figure);
                assert_eq!((x, w), (0.0, 1920.0));
                assert_eq!(y.fract(), 0.0);
                let below = if bare { 0.0 } else { (34.0 * l.scale).round() };
                assert_eq!(y + h + below, 1080.0, "the figure reaches the link (or the bottom)");
                if bare {
                    assert_eq!((y, h), (0.0, 1080.0));
                }
                assert!(l.figure.h >= need(l.w).least || l.scale == 1.0, "the figure gets the room it reads at");
                assert!(l.line_ys.last().is_none_or(|&b| b < l.figure.y), "text above the figure");
            }
        }
    }
    // The charts read at the full enlargement (the text as on a 1× sheet shown full width);
    // the fleet over the charts needs more room, so its slide enlarges less.
    let c = SheetLayout::new(SheetOptions { size: PngSize::Slide, bare: false }, 2, charts);
    assert_eq!(c.scale, SLIDE_MAX_SCALE);
    assert_eq!(c.w, SHEET_W);
    let whole = SheetLayout::new(SheetOptions { size: PngSize::Slide, bare: false }, 2, |w| FigureNeed {
        natural: 0.0,
        least: if w >= 1246.0 { 320.0 } else { 476.0 } + 420.0,
    });
    assert!(whole.scale < c.scale && whole.figure.h >= 740.0, "{whole:?}");
}

#[test]
fn fit_and_split_keep_inside() {
    let r = Rect { x: 0.0, y: 100.0, w: 1200.0, h: 500.0 };
    let wide = fit(4.0, r);
    assert_eq!(wide, Rect { x: 0.0, y: 200.0, w: 1200.0, h: 300.0 });
    let tall = fit(1.0, r);
    assert_eq!(tall, Rect { x: 350.0, y: 100.0, w: 500.0, h: 500.0 });
    assert_eq!(fit(f64::NAN, r), r);
    let (a, b) = split_top(r, 200.4);
    assert_eq!((a.h, b.y, b.h), (200.0, 300.0, 300.0));
    for s in PngSize::ALL {
        assert_eq!(PngSize::from_name(s.name()), Some(*s));
        assert!(!s.label().is_empty());
    }
}
