//! Descriptions are Markdown (what rustdoc shows too). They are parsed once,
//! with pulldown-cmark, into this small tree, which every format renders.

use pulldown_cmark::{BlockQuoteKind, CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

/// A block of a description.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph.
    Paragraph(Vec<Inline>),
    /// A heading inside a description (a rubric, in Sphinx's terms).
    Heading {
        /// Its level as written, 1 to 6 (formats with levels shift it below
        /// their own headings).
        level: u8,
        /// Its text.
        inlines: Vec<Inline>,
    },
    /// A bullet or numbered list; each item is a list of blocks.
    List {
        /// Whether the list is numbered.
        ordered: bool,
        /// The items.
        items: Vec<Vec<Block>>,
    },
    /// A code block.
    Code {
        /// The language after the opening fence, if any.
        lang: String,
        /// The code, ending with a newline.
        text: String,
    },
    /// A GitHub-style alert: `> [!NOTE]`, `> [!CAUTION]`, ...
    Alert(Alert, Vec<Block>),
    /// A plain block quote.
    Quote(Vec<Block>),
}

/// The kinds of GitHub alert.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alert {
    /// `> [!NOTE]`
    Note,
    /// `> [!TIP]`
    Tip,
    /// `> [!IMPORTANT]`
    Important,
    /// `> [!WARNING]`
    Warning,
    /// `> [!CAUTION]`
    Caution,
}

impl Alert {
    /// The alert's title: `Note`, `Caution`, ...
    pub fn title(self) -> &'static str {
        match self {
            Alert::Note => "Note",
            Alert::Tip => "Tip",
            Alert::Important => "Important",
            Alert::Warning => "Warning",
            Alert::Caution => "Caution",
        }
    }

    /// The alert's name in lower case, as Sphinx's directives spell it.
    pub fn name(self) -> &'static str {
        match self {
            Alert::Note => "note",
            Alert::Tip => "tip",
            Alert::Important => "important",
            Alert::Warning => "warning",
            Alert::Caution => "caution",
        }
    }
}

/// Inline content.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// `code`
    Code(String),
    /// *emphasis*
    Emph(Vec<Inline>),
    /// **strong**
    Strong(Vec<Inline>),
    /// A link.
    Link {
        /// The target.
        url: String,
        /// The link text.
        content: Vec<Inline>,
    },
    /// A line break in the source, which is a space when rendered.
    SoftBreak,
    /// A forced line break.
    HardBreak,
}

/// Parses Markdown (CommonMark with GitHub's alerts) into blocks.
pub fn parse(text: &str) -> Vec<Block> {
    let mut builder = Builder::default();
    for event in Parser::new_ext(text, Options::ENABLE_GFM | Options::ENABLE_STRIKETHROUGH) {
        builder.event(event);
    }
    builder.finish()
}

/// Parses Markdown meant as one line of inline content. Whatever blocks it
/// holds run together, separated by spaces: nothing is dropped, and nothing
/// starts a line.
pub fn parse_inline(text: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    flatten(&parse(text), &mut out);
    out
}

fn flatten(blocks: &[Block], out: &mut Vec<Inline>) {
    for block in blocks {
        if !out.is_empty() {
            out.push(Inline::SoftBreak);
        }
        match block {
            Block::Paragraph(inlines) | Block::Heading { inlines, .. } => out.extend(inlines.iter().cloned()),
            Block::List { items, .. } => items.iter().for_each(|item| flatten(item, out)),
            Block::Code { text, .. } => out.push(Inline::Code(text.trim_end().to_owned())),
            Block::Alert(_, inner) | Block::Quote(inner) => flatten(inner, out),
        }
    }
}

/// The heading levels used in `blocks`, nested ones included, in order
/// and each once: a format that nests descriptions under its own headings
/// gives the n-th of them the n-th level below its own, so that no level is
/// skipped.
pub fn heading_levels(blocks: &[Block]) -> Vec<u8> {
    fn collect(blocks: &[Block], out: &mut Vec<u8>) {
        for block in blocks {
            match block {
                Block::Heading { level, .. } => out.push(*level),
                Block::List { items, .. } => items.iter().for_each(|item| collect(item, out)),
                Block::Alert(_, inner) | Block::Quote(inner) => collect(inner, out),
                Block::Paragraph(_) | Block::Code { .. } => {}
            }
        }
    }
    let mut levels = Vec::new();
    collect(blocks, &mut levels);
    levels.sort_unstable();
    levels.dedup();
    levels
}

/// The plain text of inline content, breaks as spaces.
pub fn plain(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(t) | Inline::Code(t) => out.push_str(t),
            Inline::Emph(c) | Inline::Strong(c) | Inline::Link { content: c, .. } => out.push_str(&plain(c)),
            Inline::SoftBreak | Inline::HardBreak => out.push(' '),
        }
    }
    out
}

/// A container being filled: the blocks or inlines of an open element.
enum Frame {
    Blocks(Vec<Block>),
    Item(Vec<Block>),
    List { ordered: bool, items: Vec<Vec<Block>> },
    Quote(Option<Alert>, Vec<Block>),
    Inlines(Vec<Inline>),
    Heading(u8, Vec<Inline>),
    Emph(Vec<Inline>),
    Strong(Vec<Inline>),
    Link(String, Vec<Inline>),
    Code(String, String),
}

struct Builder {
    stack: Vec<Frame>,
}

impl Default for Builder {
    fn default() -> Self {
        Builder { stack: vec![Frame::Blocks(Vec::new())] }
    }
}

impl Builder {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(end) => self.end(end),
            Event::Text(text) => self.text(&text),
            Event::Code(code) => self.inline(Inline::Code(code.into_string())),
            Event::SoftBreak => self.inline(Inline::SoftBreak),
            Event::HardBreak => self.inline(Inline::HardBreak),
            // Raw HTML is kept as text, never markup: every format shows it
            // as written, its line breaks as breaks.
            Event::Html(text) | Event::InlineHtml(text) => self.html(&text),
            _ => {}
        }
    }

    fn html(&mut self, text: &str) {
        let mut lines = text.split('\n').peekable();
        while let Some(line) = lines.next() {
            if !line.is_empty() {
                self.text(line);
            }
            if lines.peek().is_some_and(|next| !next.is_empty()) {
                self.inline(Inline::SoftBreak);
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        let frame = match tag {
            Tag::Paragraph => Frame::Inlines(Vec::new()),
            Tag::Heading { level, .. } => Frame::Heading(level as u8, Vec::new()),
            Tag::List(first) => Frame::List { ordered: first.is_some(), items: Vec::new() },
            Tag::Item => Frame::Item(Vec::new()),
            Tag::BlockQuote(kind) => Frame::Quote(kind.map(alert), Vec::new()),
            Tag::CodeBlock(kind) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(lang) => lang.split(',').next().unwrap_or("").trim().to_owned(),
                    CodeBlockKind::Indented => String::new(),
                };
                Frame::Code(lang, String::new())
            }
            Tag::Emphasis => Frame::Emph(Vec::new()),
            Tag::Strong | Tag::Strikethrough => Frame::Strong(Vec::new()),
            Tag::Link { dest_url, .. } => Frame::Link(dest_url.into_string(), Vec::new()),
            _ => Frame::Inlines(Vec::new()),
        };
        self.stack.push(frame);
    }

    fn end(&mut self, end: TagEnd) {
        let frame = self.stack.pop().expect("every end has a start");
        match (end, frame) {
            (_, Frame::Heading(level, inlines)) => self.block(Block::Heading { level, inlines }),
            (_, Frame::Inlines(inlines)) => self.block(Block::Paragraph(inlines)),
            (_, Frame::List { ordered, items }) => self.block(Block::List { ordered, items }),
            (_, Frame::Item(blocks)) => self.item(blocks),
            (_, Frame::Quote(Some(kind), blocks)) => self.block(Block::Alert(kind, blocks)),
            (_, Frame::Quote(None, blocks)) => self.block(Block::Quote(blocks)),
            (_, Frame::Code(lang, text)) => self.block(Block::Code { lang, text }),
            (_, Frame::Emph(content)) => self.inline(Inline::Emph(content)),
            (_, Frame::Strong(content)) => self.inline(Inline::Strong(content)),
            (_, Frame::Link(url, content)) => self.inline(Inline::Link { url, content }),
            (_, Frame::Blocks(blocks)) => self.stack.push(Frame::Blocks(blocks)),
        }
    }

    fn text(&mut self, text: &str) {
        match self.stack.last_mut() {
            Some(Frame::Code(_, code)) => code.push_str(text),
            _ => self.inline(Inline::Text(text.to_owned())),
        }
    }

    fn inline(&mut self, inline: Inline) {
        match self.stack.last_mut() {
            Some(Frame::Inlines(v) | Frame::Heading(_, v) | Frame::Emph(v) | Frame::Strong(v) | Frame::Link(_, v)) => {
                v.push(inline)
            }
            // A tight list item holds its text without a paragraph.
            Some(Frame::Item(blocks)) => match blocks.last_mut() {
                Some(Block::Paragraph(v)) => v.push(inline),
                _ => blocks.push(Block::Paragraph(vec![inline])),
            },
            _ => self.block(Block::Paragraph(vec![inline])),
        }
    }

    fn block(&mut self, block: Block) {
        if let Some(Frame::Blocks(v) | Frame::Item(v) | Frame::Quote(_, v)) = self.stack.last_mut() {
            v.push(block);
        }
    }

    fn item(&mut self, blocks: Vec<Block>) {
        if let Some(Frame::List { items, .. }) = self.stack.last_mut() {
            items.push(blocks);
        }
    }

    fn finish(mut self) -> Vec<Block> {
        match self.stack.pop() {
            Some(Frame::Blocks(blocks)) => blocks,
            _ => Vec::new(),
        }
    }
}

fn alert(kind: BlockQuoteKind) -> Alert {
    match kind {
        BlockQuoteKind::Note => Alert::Note,
        BlockQuoteKind::Tip => Alert::Tip,
        BlockQuoteKind::Important => Alert::Important,
        BlockQuoteKind::Warning => Alert::Warning,
        BlockQuoteKind::Caution => Alert::Caution,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_inline_code_emphasis_and_links() {
        let blocks = parse("Should we *not* watch `children`?\n\nSee [gevent.os](https://x/os).");
        assert_eq!(
            blocks,
            vec![
                Block::Paragraph(vec![
                    Inline::Text("Should we ".into()),
                    Inline::Emph(vec![Inline::Text("not".into())]),
                    Inline::Text(" watch ".into()),
                    Inline::Code("children".into()),
                    Inline::Text("?".into()),
                ]),
                Block::Paragraph(vec![
                    Inline::Text("See ".into()),
                    Inline::Link { url: "https://x/os".into(), content: vec![Inline::Text("gevent.os".into())] },
                    Inline::Text(".".into()),
                ]),
            ]
        );
    }

    #[test]
    fn alerts_headings_and_loose_lists() {
        let blocks =
            parse("#### Rubric\n\n- one\n\n  more\n\n  > [!CAUTION]\n  > careful\n\n- two\n\n> [!NOTE]\n> noted");
        assert_eq!(blocks[0], Block::Heading { level: 4, inlines: vec![Inline::Text("Rubric".into())] });
        let Block::List { ordered: false, items } = &blocks[1] else { panic!("{blocks:?}") };
        assert_eq!(items.len(), 2);
        assert_eq!(items[0][1], Block::Paragraph(vec![Inline::Text("more".into())]));
        assert!(matches!(&items[0][2], Block::Alert(Alert::Caution, inner) if inner.len() == 1));
        assert!(matches!(&blocks[2], Block::Alert(Alert::Note, _)));
    }

    #[test]
    fn tight_list_items_and_code_blocks() {
        let blocks = parse("- a\n- b\n\n```python\n>>> x\n```");
        let Block::List { items, .. } = &blocks[0] else { panic!() };
        assert_eq!(items[1], vec![Block::Paragraph(vec![Inline::Text("b".into())])]);
        assert_eq!(blocks[1], Block::Code { lang: "python".into(), text: ">>> x\n".into() });
    }
}
