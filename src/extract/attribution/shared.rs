//! What other extractors (reported speech, [`crate::extract::reported`]) read from the
//! attribution stages: a paragraph's tokens with the speaker mentions read from them,
//! and mentions resolved to people exactly as for direct quotes. Each entry forwards to
//! its stage; nothing here decides anything of its own.

use crate::text::Span;

use super::super::quotes::QuotedSpan;
use super::cues::{first_subject, subject_of, Attribution};
use super::lexicon::Lexicon;
use super::mentions::{Mention, MentionKind};
use super::people::PeopleIndex;
use super::resolution::NameBook;
use super::tokens::{tokenize, Para, TokKind};
use super::Speaker;

/// What a token of a [`Paragraph`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// A word (with inner apostrophes, hyphens and abbreviation dots).
    Word,
    /// One punctuation character.
    Punct,
    /// A whole quoted span, marks included.
    Quote,
}

/// What a speaker mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SourceKind {
    /// A name (`Sen. Jane Smith`, `Smith`).
    Name,
    /// A pronoun (`she`, `they`).
    Pronoun,
    /// A role noun phrase (`the senator`, `a spokeswoman`).
    Role,
}

/// A speaker mention: where it is written and what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SourceMention {
    /// The mention as written.
    pub(crate) span: Span,
    /// Name, pronoun or role.
    pub(crate) kind: SourceKind,
}

impl From<Mention> for SourceMention {
    fn from(m: Mention) -> Self {
        let kind = match m.kind {
            MentionKind::Name => SourceKind::Name,
            MentionKind::Pronoun => SourceKind::Pronoun,
            MentionKind::Role => SourceKind::Role,
        };
        SourceMention { span: m.span, kind }
    }
}

impl From<SourceMention> for Mention {
    fn from(m: SourceMention) -> Self {
        match m.kind {
            SourceKind::Name => Mention::name(m.span),
            SourceKind::Pronoun => Mention::pronoun(m.span),
            SourceKind::Role => Mention::role(m.span),
        }
    }
}

/// A paragraph tokenised as the direct-quote attribution reads it, with its mention
/// readers.
pub(crate) struct Paragraph<'a> {
    p: Para<'a>,
}

impl<'a> Paragraph<'a> {
    /// Tokenises the paragraph `para` of `text`; `quoted` are the quoted spans inside it
    /// (each becomes one token).
    pub(crate) fn read(
        text: &'a str,
        para: Span,
        quoted: &[QuotedSpan],
        people: &'a PeopleIndex,
    ) -> Self {
        Paragraph {
            p: Para::new(
                text,
                tokenize(text, para, quoted),
                &people.roles,
                Lexicon::builtin(),
            ),
        }
    }

    /// The draft's text.
    pub(crate) fn text(&self) -> &'a str {
        self.p.text
    }

    /// Number of tokens.
    pub(crate) fn len(&self) -> usize {
        self.p.toks.len()
    }

    /// Where token `i` is written.
    pub(crate) fn span(&self, i: usize) -> Span {
        self.p.toks[i].span
    }

    /// What token `i` is.
    pub(crate) fn kind(&self, i: usize) -> TokenKind {
        match self.p.toks[i].kind {
            TokKind::Word => TokenKind::Word,
            TokKind::Punct => TokenKind::Punct,
            TokKind::Quote => TokenKind::Quote,
        }
    }

    /// Token `i` as written.
    pub(crate) fn word(&self, i: usize) -> &str {
        self.p.word(i)
    }

    /// Token `i` lower-cased, `’` as `'`.
    pub(crate) fn lower(&self, i: usize) -> &str {
        self.p.lower(i).as_str()
    }

    /// True when token `i` is a word starting with a capital letter.
    pub(crate) fn is_capitalized(&self, i: usize) -> bool {
        self.p.is_capitalized(i)
    }

    /// True when token `i` ends a sentence.
    pub(crate) fn ends_sentence(&self, i: usize) -> bool {
        self.p.ends_sentence(i)
    }

    /// A speaker mention starting at token `i`, with its last token.
    pub(crate) fn mention_starting_at(&self, i: usize) -> Option<(SourceMention, usize)> {
        self.p
            .mention_starting_at(i)
            .map(|(m, e)| (SourceMention::from(m), e))
    }

    /// A speaker mention whose last token is `i`.
    pub(crate) fn mention_ending_at(&self, i: usize) -> Option<SourceMention> {
        self.p.mention_ending_at(i).map(SourceMention::from)
    }

    /// The subject of the reporting word at token `v`, not looking before token `floor`
    /// (`Smith, a scholar at X, said`, `Smith has long argued`).
    pub(crate) fn subject_of(&self, v: usize, floor: usize) -> Option<SourceMention> {
        subject_of(&self.p, v, floor).map(SourceMention::from)
    }

    /// The first mention from token `floor`, starting before `end`, that is not a
    /// preposition's object, with its first token: a sentence's subject as the
    /// direct-quote attribution reads it.
    pub(crate) fn first_subject(&self, floor: usize, end: usize) -> Option<(usize, SourceMention)> {
        first_subject(&self.p, floor, end).map(|(i, m)| (i, SourceMention::from(m)))
    }
}

/// Resolves mentions to people as the direct-quote attribution does: last names to the
/// full names seen so far, pronouns and roles to the most recent fitting person, names
/// of the rule files' people.
pub(crate) struct Resolver<'a> {
    book: NameBook<'a>,
}

impl<'a> Resolver<'a> {
    /// A resolver for the draft `text` knowing `people`.
    pub(crate) fn new(text: &'a str, people: &'a PeopleIndex) -> Self {
        Resolver {
            book: NameBook::new(text, people),
        }
    }

    /// Records the names of a paragraph (call for each paragraph, in order).
    pub(crate) fn learn(&mut self, p: &Paragraph) {
        let scan = p.p.mention_scan();
        self.book.learn(&p.p, &scan);
    }

    /// The speaker a mention credits, resolved as of byte `at`; `cue` is where the cue is.
    pub(crate) fn speaker(
        &self,
        p: &Paragraph,
        mention: SourceMention,
        cue: Span,
        at: usize,
    ) -> Speaker {
        let a = Attribution {
            mention: mention.into(),
            cue,
            clause_end: None,
        };
        self.book.speaker(&p.p, a, at).0
    }
}
