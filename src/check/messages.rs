//! Every message and help line of the check, in English and Swedish: one table
//! per language, chosen by `[deck] lang` (or `--lang`). A template names its
//! values in braces (`{slide}`); [`Msg::fill`] puts them in. The tests keep the
//! two tables in step: the same keys in the same order, the same placeholders.

use std::fmt::Display;

use crate::deck::Lang;

macro_rules! messages {
    ($($key:ident,)*) => {
        /// One message or help template.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Msg {
            $($key,)*
        }

        impl Msg {
            /// Every key, in table order.
            pub const ALL: &'static [Msg] = &[$(Msg::$key,)*];

            pub const fn name(self) -> &'static str {
                match self {
                    $(Msg::$key => stringify!($key),)*
                }
            }
        }
    };
}

messages! {
    SlideLabel,
    MetricsSlide,
    RoleTitle,
    RoleSubtitle,
    RoleClaim,
    RolePoint,
    RoleEvidence,
    RoleNotes,
    RoleMeasureName,
    RoleMeasureWhy,
    RoleQuestion,
    RoleAnswer,
    Word1,
    WordN,
    Slide1,
    SlideN,
    ReportDeck,
    ReportSlide,
    ReportNone,
    ReportNoWarnings,
    Error1,
    ErrorN,
    Warning1,
    WarningN,
    ReportOn,
    ReportDenied,
    ExampleClaim,
    ExampleAsk,
    ExampleQuality,
    W101,
    W101Help,
    W102Colon,
    W102ColonHelp,
    W102Label,
    W102LabelHelp,
    W103,
    W103Help,
    W104,
    W104Help,
    W105,
    W105HelpAt,
    W105HelpAtTwo,
    W105Help,
    W106,
    W106Deck,
    LixHelpSentences,
    LixHelpWords,
    W107,
    W107Help,
    W108,
    W108Help,
    W108HelpForm,
    W108HelpNone,
    W108HelpLoan,
    W109,
    W109Help,
    W110,
    W110Help,
    W110HelpNone,
    W111,
    W111HelpKnown,
    W111Help,
    W112,
    W112Help,
    W113,
    W113Help,
    W114,
    W114Help,
    W115,
    W115Help,
    W116,
    W116Help,
    W116Merge,
    W116Drop,
    W117,
    W117Help,
    W118,
    W118HelpVerbs,
    W118Help,
    W119,
    W119Help,
    W120,
    W120Help,
    W121Point,
    W121PointHelp,
    W121Measure,
    W121MeasureHelp,
    W122,
    W122Help,
    W123After,
    W123AfterHelp,
    W123Before,
    W123BeforeHelp,
    W124,
    W124Help,
    W125,
    W125Help,
    W126,
    W126Help,
    E015Remote,
    E015RemoteHelp,
    E015Absolute,
    E015AbsoluteHelp,
    E015Missing,
    E015MissingHelp,
    E015Outside,
    E015OutsideHelp,
    E015NotFile,
    E015NotFileHelp,
    E015TooLarge,
    E015TooLargeHelp,
    E015Unreadable,
    E015UnreadableHelp,
    E015NotUtf8,
    E015NotUtf8Help,
    E015Empty,
    E015EmptyHelp,
    E015ColumnTwice,
    E015Header,
    E015UnknownColumn,
    E015ColumnSuggest,
    E015NoColumn,
    E015NoColumnHelp,
    E015Fields,
    E015FieldsHelp,
    E015NoDate,
    E015NoValue,
    E015RowHelp,
    E015UnknownMeasure,
    E015MeasureSuggest,
    E015MeasureList,
    E015NotDate,
    E015NotDateHelp,
    E015NotNumber,
    E015NumberUnitHelp,
    E015NumberHelp,
    E015Csv,
    E015CsvHelp,
    E011Results,
    E011ResultsHelp,
    E011Rows,
    E011RowsHelp,
    E004Date,
    E004DateHelp,
    E006NoTime,
    E006FromSince,
    E006FromDate,
    E006NoTimeHelp,
}

/// The English table, in the order of [`Msg::ALL`].
const EN: &[(Msg, &str)] = &[
    (Msg::SlideLabel, "slide {n} ({name})"),
    (Msg::MetricsSlide, "the metrics slide"),
    (Msg::RoleTitle, "the title"),
    (Msg::RoleSubtitle, "the subtitle"),
    (Msg::RoleClaim, "the claim"),
    (Msg::RolePoint, "point {n}"),
    (Msg::RoleEvidence, "the evidence"),
    (Msg::RoleNotes, "the notes"),
    (Msg::RoleMeasureName, "the name of measure {n}"),
    (Msg::RoleMeasureWhy, "the `why` of measure {n}"),
    (Msg::RoleQuestion, "the question"),
    (Msg::RoleAnswer, "the answer"),
    (Msg::Word1, "1 word"),
    (Msg::WordN, "{n} words"),
    (Msg::Slide1, "1 slide"),
    (Msg::SlideN, "{n} slides"),
    (Msg::ReportDeck, "the whole deck"),
    (Msg::ReportSlide, "slide: {name}"),
    (Msg::ReportNone, "no problems"),
    (Msg::ReportNoWarnings, "no warnings"),
    (Msg::Error1, "1 error"),
    (Msg::ErrorN, "{n} errors"),
    (Msg::Warning1, "1 warning"),
    (Msg::WarningN, "{n} warnings"),
    (Msg::ReportOn, "{counts} on {slides}"),
    (Msg::ReportDenied, "{warnings} denied by --deny warnings"),
    (
        Msg::ExampleClaim,
        "Our customers already ask us questions online.",
    ),
    (
        Msg::ExampleAsk,
        "Decide today to fund one half-time role for six months.",
    ),
    (Msg::ExampleQuality, "Share of our posts that get a reply"),
    (
        Msg::W101,
        "the claim on {slide} has {n} words; the limit is {max}",
    ),
    (
        Msg::W101Help,
        "cut {cut} to reach {max}: keep the point in the claim and move the detail to `points` or `notes`",
    ),
    (
        Msg::W102Colon,
        "the claim on {slide} ends with a colon, like a heading",
    ),
    (
        Msg::W102ColonHelp,
        "make the claim the point itself, as one full sentence; put what would follow the colon in `points`",
    ),
    (
        Msg::W102Label,
        "the claim on {slide} reads like a label, not a sentence: {quote}",
    ),
    (
        Msg::W102LabelHelp,
        "state the point as a full sentence with a verb, e.g. \"{example}\"; a full stop alone does not make a label a sentence",
    ),
    (
        Msg::W103,
        "{n} points on {slide}; leadership remembers {max}",
    ),
    (
        Msg::W103Help,
        "keep the {max} strongest points and move the other {rest} to `notes`",
    ),
    (Msg::W104, "{slide} shows {n} words; the budget is {max}"),
    (
        Msg::W104Help,
        "cut {cut}: shorten the points, or move detail to `notes` (said, not shown)",
    ),
    (Msg::W105, "a sentence of {n} words in {role} on {slide}"),
    (
        Msg::W105HelpAt,
        "split it into two sentences of at most {max} words, e.g. before “{at}”",
    ),
    (
        Msg::W105HelpAtTwo,
        "split it into three sentences of at most {max} words, e.g. before “{at}” and before “{at2}”",
    ),
    (
        Msg::W105Help,
        "split it into sentences of at most {max} words: one thing per sentence",
    ),
    (
        Msg::W106,
        "{slide} has LIX {lix}, above the limit of {max}{deck}",
    ),
    (Msg::W106Deck, " (the whole deck: {lix})"),
    (
        Msg::LixHelpSentences,
        "sentences average {n} words: split them, and use shorter words than {words}",
    ),
    (
        Msg::LixHelpWords,
        "replace at least {cut} of the {long} long words (more than six letters) with shorter ones, e.g. {words}",
    ),
    (
        Msg::W107,
        "the deck's text has LIX {lix} over {n} words, above the limit of {max}",
    ),
    (
        Msg::W107Help,
        "start with the hardest slides — {names} — shorter words and sentences there lower the whole",
    ),
    (Msg::W108, "“{said}” on {slide} is jargon"),
    (Msg::W108Help, "a plain alternative: {instead}"),
    (
        Msg::W108HelpForm,
        "say it with a plain word such as “{instead}”, in the form the sentence needs (not a word-for-word swap)",
    ),
    (
        Msg::W108HelpNone,
        "say in plain words what it means here; there is no one-word swap",
    ),
    (
        Msg::W108HelpLoan,
        "an English word in Swedish text: say it in Swedish",
    ),
    (
        Msg::W109,
        "“{said}” on {slide} promises more than the deck can show",
    ),
    (Msg::W109Help, "instead, {instead}"),
    (
        Msg::W110,
        "“{said}” on {slide} is on this deck's list of words to avoid",
    ),
    (Msg::W110Help, "write “{instead}” ([check] words)"),
    (
        Msg::W110HelpNone,
        "say it without this word ([check] words lists it)",
    ),
    (
        Msg::W111,
        "“{abbr}” on {slide} is not explained where it first appears",
    ),
    (
        Msg::W111HelpKnown,
        "write it out the first time — “{full} ({abbr})” — or use the plain words only",
    ),
    (
        Msg::W111Help,
        "write it out the first time, with the letters after it in brackets: “… ({abbr})”, or use plain words; if it is emphasis, use **bold**",
    ),
    (
        Msg::W112,
        "the deck has no [ask]: a pitch that asks for nothing gets no decision",
    ),
    (
        Msg::W112Help,
        "add an [ask] section whose claim says what to decide today, e.g. claim = \"{example}\"",
    ),
    (
        Msg::W113,
        "every measure on {slide} is a count; counts are not always what matters",
    ),
    (
        Msg::W113Help,
        "add a quality measure with kind = \"quality\", e.g. name = \"{example}\" (a share, a reply rate, how relevant comments are)",
    ),
    (Msg::W114, "the measure “{name}” on {slide} has no baseline"),
    (
        Msg::W114Help,
        "add `baseline = …` with today's figure, so leadership sees the way from today to the target of {target}",
    ),
    (
        Msg::W115,
        "the deadline {by} of “{name}” on {slide} is before the deck's date {date}",
    ),
    (
        Msg::W115Help,
        "set a deadline after {date}, e.g. by = {next}, or correct the deck's `date`",
    ),
    (
        Msg::W116,
        "{n} slides for {minutes} minutes; plan about one slide a minute",
    ),
    (Msg::W116Help, "cut {cut}: {which}, or set minutes = {n}"),
    (Msg::W116Merge, "merge two slides' points"),
    (Msg::W116Drop, "drop an optional section ({sections})"),
    (
        Msg::W117,
        "{n} words to say take about {needed} minutes at {rate} words a minute; the talk has {minutes}",
    ),
    (
        Msg::W117Help,
        "cut about {cut} words (start with the notes), or set minutes = {minutes}",
    ),
    (
        Msg::W118,
        "nominal style in {role} on {slide}: {quote} hides the action in nouns",
    ),
    (
        Msg::W118HelpVerbs,
        "say who does what, with the verbs: {verbs}",
    ),
    (
        Msg::W118Help,
        "say who does what, with a verb: “the review of the process” → “we review the process”",
    ),
    (
        Msg::W119,
        "{n} passive verbs in one sentence in {role} on {slide}: {quote}",
    ),
    (
        Msg::W119Help,
        "say who does what: “orders were delayed” → “the carrier delayed our orders”",
    ),
    (
        Msg::W120,
        "“{said}” in {role} on {slide} promises something without a date",
    ),
    (
        Msg::W120Help,
        "give a date or a month instead, e.g. “by 31 March” or “in week 12”",
    ),
    (
        Msg::W121Point,
        "the number {number} in {role} on {slide} has no unit",
    ),
    (
        Msg::W121PointHelp,
        "say what it counts or measures, e.g. “{number} %”, “{number} orders” or “{number} days”",
    ),
    (
        Msg::W121Measure,
        "the measure “{name}” on {slide} has no unit",
    ),
    (
        Msg::W121MeasureHelp,
        "add `unit = …` (\"%\", \"days\", \"orders\"), so the target of {target} means one thing to everyone",
    ),
    (Msg::W122, "{role} on {slide} is empty"),
    (
        Msg::W122Help,
        "write the point, or remove the empty string from `points`",
    ),
    (
        Msg::W123After,
        "the result of “{name}” from {date} is after the deck's date {today}",
    ),
    (
        Msg::W123AfterHelp,
        "a result cannot be from after the meeting: correct its date, or set [deck] date to the day you present (at least {date})",
    ),
    (
        Msg::W123Before,
        "the result of “{name}” from {date} is before its baseline's date {since}",
    ),
    (
        Msg::W123BeforeHelp,
        "correct the result's date, or set `since` to when the baseline was taken",
    ),
    (
        Msg::W124,
        "the results of “{name}” are not in date order: {date} comes after {previous}",
    ),
    (
        Msg::W124Help,
        "list the results oldest first, so that the latest is plain to see",
    ),
    (
        Msg::W125,
        "the latest result of “{name}” is from {date}, {age} days before the deck's date",
    ),
    (
        Msg::W125Help,
        "measure it again before the meeting: a status older than {max} days says little about today",
    ),
    (Msg::W126, "“{name}” was due {by} and has no result"),
    (
        Msg::W126Help,
        "add the value it reached (in `results` or the results file): leadership will ask",
    ),
    (
        Msg::E015Remote,
        "the results file is not a local file: `{path}`",
    ),
    (
        Msg::E015RemoteHelp,
        "save the CSV in the deck's folder and give its relative path; the deck must build offline",
    ),
    (
        Msg::E015Absolute,
        "the results file path is absolute: `{path}`",
    ),
    (
        Msg::E015AbsoluteHelp,
        "give a path relative to the deck file, inside its folder",
    ),
    (Msg::E015Missing, "the results file was not found: `{path}`"),
    (
        Msg::E015MissingHelp,
        "check the path; it is relative to the deck file's folder",
    ),
    (
        Msg::E015Outside,
        "the results file is outside the deck's folder: `{path}`",
    ),
    (
        Msg::E015OutsideHelp,
        "copy the CSV into the deck's folder (or a folder below it)",
    ),
    (
        Msg::E015NotFile,
        "the results file is not a regular file: `{path}`",
    ),
    (
        Msg::E015NotFileHelp,
        "give the path of a CSV file with the header measure,date,value",
    ),
    (
        Msg::E015TooLarge,
        "the results file is over {max} bytes: `{path}`",
    ),
    (
        Msg::E015TooLargeHelp,
        "a results file needs a row per measurement; split off old rows",
    ),
    (
        Msg::E015Unreadable,
        "the results file could not be read: {error}",
    ),
    (Msg::E015UnreadableHelp, "check the file's permissions"),
    (
        Msg::E015NotUtf8,
        "the results file is not UTF-8 text: `{path}`",
    ),
    (
        Msg::E015NotUtf8Help,
        "save the CSV as UTF-8 (in a spreadsheet: CSV UTF-8)",
    ),
    (Msg::E015Empty, "the results file is empty"),
    (
        Msg::E015EmptyHelp,
        "start it with the header line measure,date,value",
    ),
    (
        Msg::E015ColumnTwice,
        "the column `{name}` comes twice in the header",
    ),
    (Msg::E015Header, "the header is measure,date,value"),
    (
        Msg::E015UnknownColumn,
        "unknown column `{name}` in the results file",
    ),
    (Msg::E015ColumnSuggest, "did you mean `{name}`?"),
    (
        Msg::E015NoColumn,
        "the results file's header has no column {names}",
    ),
    (
        Msg::E015NoColumnHelp,
        "the first line names the columns: measure,date,value",
    ),
    (
        Msg::E015Fields,
        "the row has {n} fields; a row is measure,date,value",
    ),
    (
        Msg::E015FieldsHelp,
        "put text with commas in double quotes: \"Replies, within a day\",2027-01-31,40",
    ),
    (Msg::E015NoDate, "the row has no date"),
    (Msg::E015NoValue, "the row has no value"),
    (
        Msg::E015RowHelp,
        "a row is measure,date,value, e.g. Replies within a day,2027-01-31,40",
    ),
    (
        Msg::E015UnknownMeasure,
        "unknown measure \"{name}\" in the results file",
    ),
    (Msg::E015MeasureSuggest, "did you mean \"{name}\"?"),
    (
        Msg::E015MeasureList,
        "the measure is a [[metrics.measure]] `name`, exactly as written: {names}",
    ),
    (Msg::E015NotDate, "`{text}` is not a date"),
    (
        Msg::E015NotDateHelp,
        "write the date as YYYY-MM-DD, e.g. 2027-01-31",
    ),
    (Msg::E015NotNumber, "`{text}` is not a number"),
    (
        Msg::E015NumberUnitHelp,
        "write the number without the unit: {number}",
    ),
    (Msg::E015NumberHelp, "write a number such as 40 or 40.5"),
    (
        Msg::E015Csv,
        "the results file cannot be read as CSV: {error}",
    ),
    (
        Msg::E015CsvHelp,
        "a row is measure,date,value; text with commas or quotes goes in double quotes",
    ),
    (
        Msg::E011Results,
        "the measure \"{name}\" has {n} results; the limit is {max}",
    ),
    (
        Msg::E011ResultsHelp,
        "keep one result a month or so; a slide shows a few",
    ),
    (Msg::E011Rows, "the results file has too many rows"),
    (Msg::E011RowsHelp, "keep at most {max} results per measure"),
    (
        Msg::E004Date,
        "[deck] is missing the required key `date`: results are measured against it",
    ),
    (
        Msg::E004DateHelp,
        "add the date of the meeting — it is \"today\" for the status of each measure: date = 2027-03-31",
    ),
    (
        Msg::E006NoTime,
        "the measure \"{name}\" has `by` = {by} but its baseline is from {since} ({from}): there is no time to measure progress over",
    ),
    (Msg::E006FromSince, "its `since`"),
    (Msg::E006FromDate, "[deck] date"),
    (
        Msg::E006NoTimeHelp,
        "give the date the baseline was taken as `since` in [metrics] (or in the measure), before `by`",
    ),
];

/// The Swedish table, in the order of [`Msg::ALL`].
const SV: &[(Msg, &str)] = &[
    (Msg::SlideLabel, "bild {n} ({name})"),
    (Msg::MetricsSlide, "bilden med mått"),
    (Msg::RoleTitle, "titeln"),
    (Msg::RoleSubtitle, "undertiteln"),
    (Msg::RoleClaim, "påståendet"),
    (Msg::RolePoint, "punkt {n}"),
    (Msg::RoleEvidence, "belägget"),
    (Msg::RoleNotes, "anteckningarna"),
    (Msg::RoleMeasureName, "namnet på mått {n}"),
    (Msg::RoleMeasureWhy, "`why` för mått {n}"),
    (Msg::RoleQuestion, "frågan"),
    (Msg::RoleAnswer, "svaret"),
    (Msg::Word1, "1 ord"),
    (Msg::WordN, "{n} ord"),
    (Msg::Slide1, "1 bild"),
    (Msg::SlideN, "{n} bilder"),
    (Msg::ReportDeck, "hela presentationen"),
    (Msg::ReportSlide, "bild: {name}"),
    (Msg::ReportNone, "inga problem"),
    (Msg::ReportNoWarnings, "inga varningar"),
    (Msg::Error1, "1 fel"),
    (Msg::ErrorN, "{n} fel"),
    (Msg::Warning1, "1 varning"),
    (Msg::WarningN, "{n} varningar"),
    (Msg::ReportOn, "{counts} på {slides}"),
    (
        Msg::ReportDenied,
        "{warnings} räknas som fel med --deny warnings",
    ),
    (
        Msg::ExampleClaim,
        "Våra kunder ställer redan frågor på nätet.",
    ),
    (
        Msg::ExampleAsk,
        "Besluta i dag om en halvtidstjänst i sex månader.",
    ),
    (Msg::ExampleQuality, "Andel av våra inlägg som får svar"),
    (
        Msg::W101,
        "påståendet på {slide} har {n} ord; gränsen är {max}",
    ),
    (
        Msg::W101Help,
        "stryk {cut} för att nå {max}: behåll poängen i påståendet och flytta detaljerna till `points` eller `notes`",
    ),
    (
        Msg::W102Colon,
        "påståendet på {slide} slutar med kolon, som en rubrik",
    ),
    (
        Msg::W102ColonHelp,
        "låt påståendet vara själva poängen, som en hel mening; skriv det som skulle ha följt kolonet i `points`",
    ),
    (
        Msg::W102Label,
        "påståendet på {slide} är en etikett, inte en mening: {quote}",
    ),
    (
        Msg::W102LabelHelp,
        "skriv poängen som en hel mening med ett verb, t.ex. ”{example}”; en punkt i slutet gör inte en etikett till en mening",
    ),
    (Msg::W103, "{n} punkter på {slide}; ledningen minns {max}"),
    (
        Msg::W103Help,
        "behåll de {max} starkaste punkterna och flytta de andra {rest} till `notes`",
    ),
    (Msg::W104, "{slide} visar {n} ord; gränsen är {max}"),
    (
        Msg::W104Help,
        "stryk {cut}: korta punkterna, eller flytta detaljer till `notes` (sägs, visas inte)",
    ),
    (Msg::W105, "en mening på {n} ord i {role} på {slide}"),
    (
        Msg::W105HelpAt,
        "dela den i två meningar på högst {max} ord, t.ex. före ”{at}”",
    ),
    (
        Msg::W105HelpAtTwo,
        "dela den i tre meningar på högst {max} ord, t.ex. före ”{at}” och före ”{at2}”",
    ),
    (
        Msg::W105Help,
        "dela den i meningar på högst {max} ord: en sak per mening",
    ),
    (Msg::W106, "{slide} har LIX {lix}, över gränsen {max}{deck}"),
    (Msg::W106Deck, " (hela presentationen: {lix})"),
    (
        Msg::LixHelpSentences,
        "meningarna har i snitt {n} ord: dela dem, och använd kortare ord än {words}",
    ),
    (
        Msg::LixHelpWords,
        "byt ut minst {cut} av de {long} långa orden (fler än sex bokstäver) mot kortare, t.ex. {words}",
    ),
    (
        Msg::W107,
        "presentationens text har LIX {lix} på {n} ord, över gränsen {max}",
    ),
    (
        Msg::W107Help,
        "börja med de svåraste bilderna — {names} — kortare ord och meningar där sänker helheten",
    ),
    (Msg::W108, "”{said}” på {slide} är jargong"),
    (Msg::W108Help, "ett enklare ord: {instead}"),
    (
        Msg::W108HelpForm,
        "säg det med ett enkelt ord som ”{instead}”, i den form meningen behöver (byt inte ord mot ord)",
    ),
    (
        Msg::W108HelpNone,
        "säg med vanliga ord vad det betyder här; det finns inget ord att byta rakt av",
    ),
    (
        Msg::W108HelpLoan,
        "ett engelskt ord i svensk text: säg det på svenska",
    ),
    (
        Msg::W109,
        "”{said}” på {slide} lovar mer än presentationen kan visa",
    ),
    (Msg::W109Help, "skriv i stället {instead}"),
    (
        Msg::W110,
        "”{said}” på {slide} står på presentationens lista över ord att undvika",
    ),
    (Msg::W110Help, "skriv ”{instead}” ([check] words)"),
    (
        Msg::W110HelpNone,
        "säg det utan det här ordet ([check] words listar det)",
    ),
    (
        Msg::W111,
        "”{abbr}” på {slide} förklaras inte där förkortningen först står",
    ),
    (
        Msg::W111HelpKnown,
        "skriv ut den första gången — ”{full} ({abbr})” — eller använd bara orden",
    ),
    (
        Msg::W111Help,
        "skriv ut den första gången, med bokstäverna efter i parentes: ”… ({abbr})”, eller använd vanliga ord; är det betoning, använd **fetstil**",
    ),
    (
        Msg::W112,
        "presentationen saknar [ask]: den som inte ber om något får inget beslut",
    ),
    (
        Msg::W112Help,
        "lägg till ett avsnitt [ask] vars påstående säger vad som ska beslutas i dag, t.ex. claim = \"{example}\"",
    ),
    (
        Msg::W113,
        "alla mått på {slide} räknar antal; antal är inte alltid det som spelar roll",
    ),
    (
        Msg::W113Help,
        "lägg till ett mått på kvalitet med kind = \"quality\", t.ex. name = \"{example}\" (en andel, hur många som får svar, hur relevanta kommentarerna är)",
    ),
    (
        Msg::W114,
        "måttet ”{name}” på {slide} har inget utgångsläge",
    ),
    (
        Msg::W114Help,
        "lägg till `baseline = …` med dagens siffra, så att ledningen ser vägen från i dag till målet {target}",
    ),
    (
        Msg::W115,
        "tidsgränsen {by} för ”{name}” på {slide} ligger före presentationens datum {date}",
    ),
    (
        Msg::W115Help,
        "sätt en tidsgräns efter {date}, t.ex. by = {next}, eller rätta presentationens `date`",
    ),
    (
        Msg::W116,
        "{n} bilder på {minutes} minuter; räkna med ungefär en bild i minuten",
    ),
    (
        Msg::W116Help,
        "stryk {cut}: {which}, eller sätt minutes = {n}",
    ),
    (Msg::W116Merge, "slå ihop punkterna på två bilder"),
    (
        Msg::W116Drop,
        "stryk ett avsnitt som inte krävs ({sections})",
    ),
    (
        Msg::W117,
        "{n} ord att säga tar ungefär {needed} minuter med {rate} ord i minuten; talet har {minutes}",
    ),
    (
        Msg::W117Help,
        "stryk ungefär {cut} ord (börja med anteckningarna), eller sätt minutes = {minutes}",
    ),
    (
        Msg::W118,
        "substantivsjuka i {role} på {slide}: {quote} gömmer handlingen i substantiv",
    ),
    (
        Msg::W118HelpVerbs,
        "säg vem som gör vad, med verben: {verbs}",
    ),
    (
        Msg::W118Help,
        "säg vem som gör vad, med ett verb: ”granskningen av rutinerna” → ”vi granskar rutinerna”",
    ),
    (
        Msg::W119,
        "{n} passiva verb i samma mening i {role} på {slide}: {quote}",
    ),
    (
        Msg::W119Help,
        "säg vem som gör vad: ”ärendena registreras inte” → ”vi registrerar inte ärendena”",
    ),
    (
        Msg::W120,
        "”{said}” i {role} på {slide} lovar något utan datum",
    ),
    (
        Msg::W120Help,
        "ange ett datum eller en månad i stället, t.ex. ”senast 31 mars” eller ”vecka 12”",
    ),
    (
        Msg::W121Point,
        "talet {number} i {role} på {slide} saknar enhet",
    ),
    (
        Msg::W121PointHelp,
        "säg vad det räknar eller mäter, t.ex. ”{number} %”, ”{number} beställningar” eller ”{number} dagar”",
    ),
    (Msg::W121Measure, "måttet ”{name}” på {slide} saknar enhet"),
    (
        Msg::W121MeasureHelp,
        "lägg till `unit = …` (\"%\", \"dagar\", \"beställningar\"), så att målet {target} betyder samma sak för alla",
    ),
    (Msg::W122, "{role} på {slide} är tom"),
    (
        Msg::W122Help,
        "skriv punkten, eller ta bort den tomma texten ur `points`",
    ),
    (
        Msg::W123After,
        "resultatet för ”{name}” från {date} ligger efter presentationens datum {today}",
    ),
    (
        Msg::W123AfterHelp,
        "ett resultat kan inte vara från tiden efter mötet: rätta dess datum, eller sätt [deck] date till dagen du presenterar (tidigast {date})",
    ),
    (
        Msg::W123Before,
        "resultatet för ”{name}” från {date} ligger före utgångslägets datum {since}",
    ),
    (
        Msg::W123BeforeHelp,
        "rätta resultatets datum, eller sätt `since` till dagen då utgångsläget mättes",
    ),
    (
        Msg::W124,
        "resultaten för ”{name}” står inte i datumordning: {date} kommer efter {previous}",
    ),
    (
        Msg::W124Help,
        "skriv resultaten med det äldsta först, så att det senaste syns tydligt",
    ),
    (
        Msg::W125,
        "det senaste resultatet för ”{name}” är från {date}, {age} dagar före presentationens datum",
    ),
    (
        Msg::W125Help,
        "mät igen före mötet: ett läge som är äldre än {max} dagar säger lite om hur det är i dag",
    ),
    (
        Msg::W126,
        "”{name}” skulle vara klart {by} och har inget resultat",
    ),
    (
        Msg::W126Help,
        "lägg till värdet som måttet nådde (i `results` eller i resultatfilen): ledningen kommer att fråga",
    ),
    (
        Msg::E015Remote,
        "resultatfilen är inte en lokal fil: `{path}`",
    ),
    (
        Msg::E015RemoteHelp,
        "spara CSV-filen i presentationens mapp och ange dess relativa sökväg; presentationen ska gå att bygga utan nät",
    ),
    (
        Msg::E015Absolute,
        "resultatfilens sökväg är absolut: `{path}`",
    ),
    (
        Msg::E015AbsoluteHelp,
        "ange en sökväg från presentationsfilens mapp, inuti den",
    ),
    (Msg::E015Missing, "resultatfilen finns inte: `{path}`"),
    (
        Msg::E015MissingHelp,
        "kontrollera sökvägen; den utgår från presentationsfilens mapp",
    ),
    (
        Msg::E015Outside,
        "resultatfilen ligger utanför presentationens mapp: `{path}`",
    ),
    (
        Msg::E015OutsideHelp,
        "kopiera CSV-filen till presentationens mapp (eller en mapp under den)",
    ),
    (
        Msg::E015NotFile,
        "resultatfilen är inte en vanlig fil: `{path}`",
    ),
    (
        Msg::E015NotFileHelp,
        "ange sökvägen till en CSV-fil med rubrikraden measure,date,value",
    ),
    (
        Msg::E015TooLarge,
        "resultatfilen är större än {max} byte: `{path}`",
    ),
    (
        Msg::E015TooLargeHelp,
        "en resultatfil behöver en rad per mätning; flytta gamla rader till en annan fil",
    ),
    (
        Msg::E015Unreadable,
        "resultatfilen gick inte att läsa: {error}",
    ),
    (Msg::E015UnreadableHelp, "kontrollera filens behörigheter"),
    (
        Msg::E015NotUtf8,
        "resultatfilen är inte text i UTF-8: `{path}`",
    ),
    (
        Msg::E015NotUtf8Help,
        "spara CSV-filen som UTF-8 (i ett kalkylprogram: CSV UTF-8)",
    ),
    (Msg::E015Empty, "resultatfilen är tom"),
    (
        Msg::E015EmptyHelp,
        "börja den med rubrikraden measure,date,value",
    ),
    (
        Msg::E015ColumnTwice,
        "kolumnen `{name}` står två gånger i rubrikraden",
    ),
    (Msg::E015Header, "rubrikraden är measure,date,value"),
    (
        Msg::E015UnknownColumn,
        "okänd kolumn `{name}` i resultatfilen",
    ),
    (Msg::E015ColumnSuggest, "menade du `{name}`?"),
    (
        Msg::E015NoColumn,
        "rubrikraden i resultatfilen saknar kolumnen {names}",
    ),
    (
        Msg::E015NoColumnHelp,
        "första raden namnger kolumnerna: measure,date,value",
    ),
    (
        Msg::E015Fields,
        "raden har {n} fält; en rad är measure,date,value",
    ),
    (
        Msg::E015FieldsHelp,
        "sätt text med kommatecken inom raka citattecken: \"Svar, inom en dag\",2027-01-31,40",
    ),
    (Msg::E015NoDate, "raden saknar datum"),
    (Msg::E015NoValue, "raden saknar värde"),
    (
        Msg::E015RowHelp,
        "en rad är measure,date,value, t.ex. Svar inom en dag,2027-01-31,40",
    ),
    (
        Msg::E015UnknownMeasure,
        "okänt mått ”{name}” i resultatfilen",
    ),
    (Msg::E015MeasureSuggest, "menade du ”{name}”?"),
    (
        Msg::E015MeasureList,
        "måttet är ett `name` i [[metrics.measure]], skrivet exakt likadant: {names}",
    ),
    (Msg::E015NotDate, "`{text}` är inte ett datum"),
    (
        Msg::E015NotDateHelp,
        "skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2027-01-31",
    ),
    (Msg::E015NotNumber, "`{text}` är inte ett tal"),
    (Msg::E015NumberUnitHelp, "skriv talet utan enhet: {number}"),
    (
        Msg::E015NumberHelp,
        "skriv ett tal, t.ex. 40 eller 40.5 (med decimalkomma inom citattecken: \"40,5\")",
    ),
    (
        Msg::E015Csv,
        "resultatfilen går inte att läsa som CSV: {error}",
    ),
    (
        Msg::E015CsvHelp,
        "en rad är measure,date,value; text med kommatecken eller citattecken står inom dubbla citattecken",
    ),
    (
        Msg::E011Results,
        "måttet ”{name}” har {n} resultat; gränsen är {max}",
    ),
    (
        Msg::E011ResultsHelp,
        "behåll ungefär ett resultat i månaden; en bild visar bara några",
    ),
    (Msg::E011Rows, "resultatfilen har för många rader"),
    (Msg::E011RowsHelp, "behåll högst {max} resultat per mått"),
    (
        Msg::E004Date,
        "[deck] saknar den obligatoriska nyckeln `date`: resultaten mäts mot den",
    ),
    (
        Msg::E004DateHelp,
        "lägg till mötets datum — det är ”i dag” när varje måtts läge räknas ut: date = 2027-03-31",
    ),
    (
        Msg::E006NoTime,
        "måttet ”{name}” har `by` = {by} men utgångsläget är från {since} ({from}): det finns ingen tid att mäta framstegen på",
    ),
    (Msg::E006FromSince, "dess `since`"),
    (Msg::E006FromDate, "`date` i [deck]"),
    (
        Msg::E006NoTimeHelp,
        "ange dagen då utgångsläget mättes som `since` i [metrics] (eller i måttet), före `by`",
    ),
];

fn table(lang: Lang) -> &'static [(Msg, &'static str)] {
    match lang {
        Lang::En => EN,
        Lang::Sv => SV,
    }
}

impl Msg {
    /// The template in a language.
    pub fn text(self, lang: Lang) -> &'static str {
        let t = table(lang);
        match t.get(self as usize) {
            Some((key, text)) if *key == self => text,
            // The tests keep the tables in order; a lookup covers a slip.
            _ => t
                .iter()
                .find(|(k, _)| *k == self)
                .map_or("", |(_, text)| text),
        }
    }

    /// The template with each `{name}` replaced by its value.
    pub fn fill(self, lang: Lang, args: &[(&str, &dyn Display)]) -> String {
        fill(self.text(lang), args)
    }

    /// The template as it is, for messages without values.
    pub fn plain(self, lang: Lang) -> String {
        self.text(lang).to_string()
    }
}

/// Replaces `{name}` in `template` with the value named so; other text is kept.
pub fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => out.push_str(&value.to_string()),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The placeholders a template uses, sorted.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let name = &after[..close];
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()) {
            out.push(name);
        }
        rest = &after[close + 1..];
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// “quoted” in the language's quotation marks (English “…”, Swedish ”…”),
/// shortened to about `max` characters.
pub fn quote(text: &str, max: usize, lang: Lang) -> String {
    let (open, close) = match lang {
        Lang::En => ('“', '”'),
        Lang::Sv => ('”', '”'),
    };
    let text = text.trim();
    if text.chars().count() <= max {
        return format!("{open}{text}{close}");
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{open}{}…{close}", cut.trim_end_matches([',', ';', ':']))
}

/// "1 word", "3 words" / "1 ord", "3 ord".
pub fn words(n: usize, lang: Lang) -> String {
    if n == 1 {
        Msg::Word1.plain(lang)
    } else {
        Msg::WordN.fill(lang, &[("n", &n)])
    }
}

/// "1 slide", "3 slides" / "1 bild", "3 bilder".
pub fn slides(n: usize, lang: Lang) -> String {
    if n == 1 {
        Msg::Slide1.plain(lang)
    } else {
        Msg::SlideN.fill(lang, &[("n", &n)])
    }
}

/// "1 error", "3 errors" / "1 fel", "3 fel".
pub fn errors(n: usize, lang: Lang) -> String {
    if n == 1 {
        Msg::Error1.plain(lang)
    } else {
        Msg::ErrorN.fill(lang, &[("n", &n)])
    }
}

/// "1 warning", "3 warnings" / "1 varning", "3 varningar".
pub fn warnings(n: usize, lang: Lang) -> String {
    if n == 1 {
        Msg::Warning1.plain(lang)
    } else {
        Msg::WarningN.fill(lang, &[("n", &n)])
    }
}

/// The words of a slide header of the human report: "slide: need" / "bild:
/// need", or "the whole deck" / "hela presentationen" (for
/// `diagnostic::render_in`).
pub fn header(slide: Option<&str>, lang: Lang) -> String {
    match slide {
        Some(name) => Msg::ReportSlide.fill(lang, &[("name", &name)]),
        None => Msg::ReportDeck.plain(lang),
    }
}

/// The closing line of a run: "2 errors, 12 warnings on 4 slides" / "2 fel,
/// 12 varningar på 4 bilder" (`diagnostic::summary` in any language).
pub fn summary(diagnostics: &[crate::diagnostic::Diagnostic], lang: Lang) -> String {
    let mut slides: Vec<&str> = diagnostics
        .iter()
        .filter_map(|d| d.slide.as_deref())
        .collect();
    slides.sort_unstable();
    slides.dedup();
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let counts = match (errors, diagnostics.len() - errors) {
        (0, 0) => Msg::ReportNone.plain(lang),
        (e, 0) => self::errors(e, lang),
        (0, w) => self::warnings(w, lang),
        (e, w) => format!("{}, {}", self::errors(e, lang), self::warnings(w, lang)),
    };
    match slides.len() {
        0 => counts,
        n => Msg::ReportOn.fill(
            lang,
            &[("counts", &counts), ("slides", &self::slides(n, lang))],
        ),
    }
}

/// A decimal figure as the language writes it: "40.5" / "40,5".
pub fn decimal(value: f64, lang: Lang) -> String {
    let s = format!("{value:.1}");
    match lang {
        Lang::En => s,
        Lang::Sv => s.replace('.', ","),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_tables_hold_every_key_in_order() {
        for (name, t) in [("en", EN), ("sv", SV)] {
            assert_eq!(t.len(), Msg::ALL.len(), "{name}");
            for (i, (key, text)) in t.iter().enumerate() {
                assert_eq!(*key, Msg::ALL[i], "{name}: entry {i}");
                assert!(!text.is_empty(), "{name}: {} is empty", key.name());
            }
        }
    }

    #[test]
    fn both_languages_use_the_same_placeholders() {
        for &m in Msg::ALL {
            assert_eq!(
                placeholders(m.text(Lang::En)),
                placeholders(m.text(Lang::Sv)),
                "{}",
                m.name()
            );
        }
    }

    #[test]
    fn swedish_differs_from_english() {
        let same: Vec<&str> = Msg::ALL
            .iter()
            .filter(|m| m.text(Lang::En) == m.text(Lang::Sv))
            .map(|m| m.name())
            .collect();
        assert!(same.is_empty(), "not translated: {same:?}");
    }

    #[test]
    fn fill_replaces_names_and_keeps_the_rest() {
        let n = 3;
        assert_eq!(
            fill("{n} of {max} {x} {", &[("n", &n), ("max", &"5")]),
            "3 of 5 {x} {"
        );
        assert_eq!(words(1, Lang::Sv), "1 ord");
        assert_eq!(slides(2, Lang::Sv), "2 bilder");
        assert_eq!(quote("Bakgrund", 50, Lang::Sv), "”Bakgrund”");
        assert_eq!(decimal(40.3, Lang::Sv), "40,3");
    }
}
