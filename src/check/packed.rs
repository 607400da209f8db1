//! Serialisation of the index's large arrays of plain numbers as one byte string each
//! (little-endian, fixed width), for the compiled rules cache: a compact serde format
//! such as postcard otherwise encodes every number as a variable-length integer, and
//! decoding millions of them one by one was half the cost of loading a cached bank.
//! Reading a byte string back is one pass over contiguous memory.
//!
//! Use with `#[serde(with = "super::packed")]` on a `Vec` of [`Fixed`] values. A
//! self-describing format (JSON) gets an array of byte values, and reads back a
//! sequence too.

use serde::de::{SeqAccess, Visitor};
use serde::{Deserializer, Serializer};

/// A plain number, or a fixed group of them, with a fixed-width little-endian encoding.
pub(super) trait Fixed: Sized + Copy {
    /// Encoded width in bytes.
    const WIDTH: usize;
    /// Appends the encoding to `out`.
    fn put(&self, out: &mut Vec<u8>);
    /// Decodes from exactly [`Fixed::WIDTH`] bytes.
    fn take(bytes: &[u8]) -> Self;
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    let mut word = [0u8; 4];
    word.copy_from_slice(&bytes[at..at + 4]);
    u32::from_le_bytes(word)
}

fn u64_at(bytes: &[u8], at: usize) -> u64 {
    let mut word = [0u8; 8];
    word.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(word)
}

impl Fixed for u32 {
    const WIDTH: usize = 4;
    fn put(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
    fn take(bytes: &[u8]) -> Self {
        u32_at(bytes, 0)
    }
}

impl Fixed for u64 {
    const WIDTH: usize = 8;
    fn put(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
    fn take(bytes: &[u8]) -> Self {
        u64_at(bytes, 0)
    }
}

impl Fixed for [u64; 2] {
    const WIDTH: usize = 16;
    fn put(&self, out: &mut Vec<u8>) {
        self[0].put(out);
        self[1].put(out);
    }
    fn take(bytes: &[u8]) -> Self {
        [u64_at(bytes, 0), u64_at(bytes, 8)]
    }
}

impl Fixed for (u32, u32) {
    const WIDTH: usize = 8;
    fn put(&self, out: &mut Vec<u8>) {
        self.0.put(out);
        self.1.put(out);
    }
    fn take(bytes: &[u8]) -> Self {
        (u32_at(bytes, 0), u32_at(bytes, 4))
    }
}

impl Fixed for (u32, u32, u32) {
    const WIDTH: usize = 12;
    fn put(&self, out: &mut Vec<u8>) {
        self.0.put(out);
        self.1.put(out);
        self.2.put(out);
    }
    fn take(bytes: &[u8]) -> Self {
        (u32_at(bytes, 0), u32_at(bytes, 4), u32_at(bytes, 8))
    }
}

/// Writes `values` as one byte string.
pub(super) fn serialize<T: Fixed, S: Serializer>(
    values: &[T],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut bytes = Vec::with_capacity(values.len() * T::WIDTH);
    for value in values {
        value.put(&mut bytes);
    }
    serializer.serialize_bytes(&bytes)
}

/// Reads what [`serialize`] wrote.
pub(super) fn deserialize<'de, T: Fixed, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<T>, D::Error> {
    deserializer.deserialize_bytes(PackedVisitor(std::marker::PhantomData))
}

struct PackedVisitor<T>(std::marker::PhantomData<T>);

impl<'de, T: Fixed> Visitor<'de> for PackedVisitor<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "a byte string of {}-byte values", T::WIDTH)
    }

    fn visit_bytes<E: serde::de::Error>(self, bytes: &[u8]) -> Result<Vec<T>, E> {
        if bytes.len() % T::WIDTH != 0 {
            return Err(E::invalid_length(bytes.len(), &self));
        }
        Ok(bytes.chunks_exact(T::WIDTH).map(T::take).collect())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut bytes = Vec::new();
        while let Some(byte) = seq.next_element::<u8>()? {
            bytes.push(byte);
        }
        self.visit_bytes::<A::Error>(&bytes)
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    struct Arrays {
        #[serde(with = "super")]
        a: Vec<u32>,
        #[serde(with = "super")]
        b: Vec<u64>,
        #[serde(with = "super")]
        c: Vec<[u64; 2]>,
        #[serde(with = "super")]
        d: Vec<(u32, u32)>,
        #[serde(with = "super")]
        e: Vec<(u32, u32, u32)>,
    }

    fn sample() -> Arrays {
        Arrays {
            a: vec![0, 1, u32::MAX, 70_000],
            b: vec![u64::MAX, 1 << 40],
            c: vec![[1, u64::MAX], [0, 7]],
            d: vec![(3, 4), (u32::MAX, 0)],
            e: vec![],
        }
    }

    #[test]
    fn round_trips_through_postcard_and_json() {
        let bytes = postcard::to_stdvec(&sample()).expect("encodes");
        let back: Arrays = postcard::from_bytes(&bytes).expect("decodes");
        assert_eq!(back, sample());
        let json = serde_json::to_string(&sample()).expect("encodes");
        let back: Arrays = serde_json::from_str(&json).expect("decodes");
        assert_eq!(back, sample());
    }

    #[test]
    fn rejects_a_truncated_array() {
        #[derive(Serialize)]
        struct Bytes(#[serde(with = "serde_bytes_like")] Vec<u8>);
        mod serde_bytes_like {
            pub fn serialize<S: serde::Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(v)
            }
        }
        #[derive(Deserialize, Debug)]
        struct Words(#[serde(with = "super")] Vec<u32>);
        let bytes = postcard::to_stdvec(&Bytes(vec![1, 2, 3, 4, 5])).expect("encodes");
        let words = postcard::from_bytes::<Words>(&bytes).map(|w| w.0);
        assert!(words.is_err(), "{words:?}");
    }
}
