//! `--pptx` and `--pptx-only` of `build` and `watch`: the PowerPoint file
//! beside the HTML. Kept apart so that it moves onto the back-end registry
//! in one piece.

use std::path::{Path, PathBuf};

use pitchdeck::pptx;

use super::build::Rendered;

/// Writes the PPTX of a rendered deck; `None` when the deck had errors.
pub fn render_pptx(rendered: &Rendered) -> Option<Result<pptx::Output, pptx::PptxError>> {
    let (lowered, theme) = rendered.lowered.as_ref()?;
    Some(pptx::render(lowered, theme))
}

/// Where the PPTX goes: with `--pptx-only`, `-o` names it; otherwise beside
/// the HTML (`-o`'s path or the deck's) with `.pptx`.
pub fn pptx_path(deck: &Path, output: Option<&Path>, only: bool) -> PathBuf {
    if only && let Some(out) = output {
        return out.to_path_buf();
    }
    output.unwrap_or(deck).with_extension("pptx")
}
