//! Starter decks written by `pitchdeck new`: valid, short, one comment per section.

use crate::deck::Lang;

pub fn starter_deck(lang: Lang) -> &'static str {
    match lang {
        Lang::En => include_str!("starter/deck.en.toml"),
        Lang::Sv => include_str!("starter/deck.sv.toml"),
    }
}
