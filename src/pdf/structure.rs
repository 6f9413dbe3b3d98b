//! The logical structure of a PDF, built by the layouts in reading order
//! (sections, headings, lists, tables, figures), and what the canvas recorded
//! of it while drawing ([`Tags`]). A leaf: the canvas fills it, `tags.rs`
//! writes it as the structure tree, `finish.rs` reads the outline from it.

/// Roles of the logical structure, named as in PDF's standard structure types.
#[derive(Debug, Clone, PartialEq)]
pub enum Role {
    Document,
    /// One slide (or one section of the brief).
    Sect,
    H1,
    H2,
    P,
    L,
    LI,
    Lbl,
    LBody,
    Table,
    TR,
    /// A column header.
    TH,
    /// A row header (the measure's name).
    RowHeader,
    TD,
    /// An image or a bar, with its alternative text.
    Figure(String),
    Link,
}

/// A node of the logical structure.
#[derive(Debug, Clone)]
pub struct Node {
    pub role: Role,
    pub parent: Option<usize>,
    /// For sections: the bookmark title.
    pub title: Option<String>,
}

/// The logical structure, built while laying out, in reading order.
#[derive(Debug, Clone)]
pub struct Structure {
    pub nodes: Vec<Node>,
}

impl Default for Structure {
    fn default() -> Self {
        Structure {
            nodes: vec![Node {
                role: Role::Document,
                parent: None,
                title: None,
            }],
        }
    }
}

impl Structure {
    pub const ROOT: usize = 0;

    /// Adds a node under `parent`; returns its id.
    pub fn add(&mut self, parent: usize, role: Role) -> usize {
        self.nodes.push(Node {
            role,
            parent: Some(parent),
            title: None,
        });
        self.nodes.len() - 1
    }

    pub fn section(&mut self, title: String) -> usize {
        let id = self.add(Self::ROOT, Role::Sect);
        self.nodes[id].title = Some(title);
        id
    }
}

/// A kid of a structure element, in reading order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kid {
    Node(usize),
    /// Marked content on a page (0-based).
    Mcr {
        page: usize,
        mcid: usize,
    },
    /// The `index`-th link annotation of a page.
    Annot {
        page: usize,
        index: usize,
    },
}

/// What the canvas recorded for the structure tree.
#[derive(Debug, Clone, Default)]
pub struct Tags {
    /// Per node: marked content and elements created while drawing (links).
    pub kids: Vec<Vec<Kid>>,
    /// Per page: the node of each MCID.
    pub page_mcids: Vec<Vec<usize>>,
    /// Per page: the link node of each link annotation, in order.
    pub page_links: Vec<Vec<usize>>,
}

impl Tags {
    pub fn push(&mut self, node: usize, kid: Kid) {
        if self.kids.len() <= node {
            self.kids.resize(node + 1, Vec::new());
        }
        self.kids[node].push(kid);
    }

    /// A node's kids: what was drawn for it, else its child elements.
    pub fn kids_of(&self, structure: &Structure, node: usize) -> Vec<Kid> {
        match self.kids.get(node) {
            Some(k) if !k.is_empty() => k.clone(),
            _ => structure
                .nodes
                .iter()
                .enumerate()
                .filter(|(_, n)| n.parent == Some(node))
                .map(|(c, _)| Kid::Node(c))
                .collect(),
        }
    }
}

impl Role {
    /// The standard structure type of the role.
    pub fn tag(&self) -> &'static str {
        match self {
            Role::Document => "Document",
            Role::Sect => "Sect",
            Role::H1 => "H1",
            Role::H2 => "H2",
            Role::P => "P",
            Role::L => "L",
            Role::LI => "LI",
            Role::Lbl => "Lbl",
            Role::LBody => "LBody",
            Role::Table => "Table",
            Role::TR => "TR",
            Role::TH | Role::RowHeader => "TH",
            Role::TD => "TD",
            Role::Figure(_) => "Figure",
            Role::Link => "Link",
        }
    }
}
