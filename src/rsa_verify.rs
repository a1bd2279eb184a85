//! RSA PKCS#1 v1.5 signature verification (RFC 8017, RSASSA-PKCS1-v1_5-VERIFY), public-key
//! side only: a Montgomery exponentiation by the public exponent, then the encoded message
//! compared with the one expected.
//!
//! Written here rather than taken from a crate: RustCrypto's `rsa` 0.9 brings its big integers
//! (`num-bigint-dig`, 13 KB of the wasm module's code) and key machinery for one exponentiation
//! by a public value, in a module with a size budget. Only
//! public values are handled (the key, the signature, the digest), so nothing here needs to be
//! constant-time. The key checks are those of `rsa` 0.9's `RsaPublicKey::new`, with its words.

#[cfg(target_pointer_width = "64")]
type Limb = u64;
#[cfg(target_pointer_width = "64")]
type Wide = u128;
#[cfg(not(target_pointer_width = "64"))]
type Limb = u32;
#[cfg(not(target_pointer_width = "64"))]
type Wide = u64;

const LIMB_BYTES: usize = Limb::BITS as usize / 8;

/// The largest modulus accepted, in bits.
pub const MAX_MODULUS_BITS: usize = 4096;

/// An RSA public key, checked.
pub struct PublicKey {
    /// The modulus, little-endian limbs.
    n: Vec<Limb>,
    /// The modulus's length in bytes.
    size: usize,
    exponent: u64,
    /// -n⁻¹ mod 2^Limb::BITS.
    n0_inverse: Limb,
}

impl PublicKey {
    /// The key of modulus and exponent (big-endian bytes), or why it is not usable.
    pub fn new(modulus: &[u8], exponent: &[u8]) -> Result<PublicKey, &'static str> {
        let modulus = strip_zeros(modulus);
        let exponent = strip_zeros(exponent);
        let bits = modulus.first().map_or(0, |&top| {
            (modulus.len() - 1) * 8 + (8 - top.leading_zeros() as usize)
        });
        if bits > MAX_MODULUS_BITS {
            return Err("modulus too large");
        }
        if exponent.len() > 8 {
            return Err("public exponent too large");
        }
        let e = exponent
            .iter()
            .fold(0u64, |value, &byte| (value << 8) | u64::from(byte));
        let n = limbs(modulus, modulus.len().div_ceil(LIMB_BYTES).max(1));
        let e_limbs = limbs(exponent, n.len().max(2));
        if compare(&e_limbs, &n) != std::cmp::Ordering::Less || n[0] & 1 == 0 {
            return Err("invalid modulus");
        }
        if e & 1 == 0 {
            return Err("invalid exponent");
        }
        if e < 2 {
            return Err("public exponent too small");
        }
        if e > (1 << 33) - 1 {
            return Err("public exponent too large");
        }
        // Newton's iteration for n[0]⁻¹ mod 2^Limb::BITS: each step doubles the correct bits.
        let mut inverse: Limb = 1;
        for _ in 0..7 {
            inverse = inverse.wrapping_mul((2 as Limb).wrapping_sub(n[0].wrapping_mul(inverse)));
        }
        Ok(PublicKey {
            size: bits.div_ceil(8),
            n0_inverse: inverse.wrapping_neg(),
            exponent: e,
            n,
        })
    }

    /// Whether `signature` is this key's PKCS#1 v1.5 signature of `digest`, whose DigestInfo
    /// prefix is `prefix`.
    pub fn verify(&self, prefix: &[u8], digest: &[u8], signature: &[u8]) -> bool {
        let k = self.size;
        let t_len = prefix.len() + digest.len();
        if signature.len() != k || k < t_len + 11 {
            return false;
        }
        let s = limbs(strip_zeros(signature), self.n.len());
        if compare(&s, &self.n) != std::cmp::Ordering::Less {
            return false;
        }
        let m = self.power(&s);
        // EM = 0x00 || 0x01 || PS (0xff, at least 8) || 0x00 || DigestInfo prefix || digest
        let mut em = vec![0u8; k];
        for (index, byte) in em.iter_mut().rev().enumerate() {
            *byte = (m[index / LIMB_BYTES] >> (8 * (index % LIMB_BYTES))) as u8;
        }
        em[0] == 0
            && em[1] == 1
            && em[2..k - t_len - 1].iter().all(|&byte| byte == 0xff)
            && em[k - t_len - 1] == 0
            && &em[k - t_len..k - digest.len()] == prefix
            && &em[k - digest.len()..] == digest
    }

    /// s^e mod n.
    fn power(&self, s: &[Limb]) -> Vec<Limb> {
        let len = self.n.len();
        // R mod n, R = 2^(len·Limb::BITS): the top bit of n, doubled until it passes R.
        let top = Limb::BITS as usize * len - 1 - self.n[len - 1].leading_zeros() as usize;
        let mut r = vec![0 as Limb; len];
        r[top / Limb::BITS as usize] = 1 << (top % Limb::BITS as usize);
        for _ in top..Limb::BITS as usize * len {
            self.double(&mut r);
        }
        // R² mod n: (2^len·R) squared log2(Limb::BITS) times is 2^(len·Limb::BITS)·R.
        for _ in 0..len {
            self.double(&mut r);
        }
        let mut r2 = r;
        for _ in 0..Limb::BITS.trailing_zeros() {
            r2 = self.multiply(&r2, &r2);
        }
        let base = self.multiply(s, &r2);
        let mut acc = base.clone();
        for bit in (0..63 - self.exponent.leading_zeros()).rev() {
            acc = self.multiply(&acc, &acc);
            if self.exponent >> bit & 1 == 1 {
                acc = self.multiply(&acc, &base);
            }
        }
        let mut one = vec![0 as Limb; len];
        one[0] = 1;
        self.multiply(&acc, &one)
    }

    /// x = 2x mod n, for x < n.
    fn double(&self, x: &mut [Limb]) {
        let mut carry = 0;
        for limb in x.iter_mut() {
            let next = *limb >> (Limb::BITS - 1);
            *limb = (*limb << 1) | carry;
            carry = next;
        }
        if carry == 1 || compare(x, &self.n) != std::cmp::Ordering::Less {
            subtract(x, &self.n);
        }
    }

    /// a·b·R⁻¹ mod n (Montgomery multiplication, CIOS), for a, b < n.
    fn multiply(&self, a: &[Limb], b: &[Limb]) -> Vec<Limb> {
        let len = self.n.len();
        let n = &self.n;
        let mut t = vec![0 as Limb; len + 2];
        for &b_i in b {
            let mut carry: Wide = 0;
            for j in 0..len {
                let sum = Wide::from(t[j]) + Wide::from(a[j]) * Wide::from(b_i) + carry;
                t[j] = sum as Limb;
                carry = sum >> Limb::BITS;
            }
            let sum = Wide::from(t[len]) + carry;
            t[len] = sum as Limb;
            t[len + 1] = (sum >> Limb::BITS) as Limb;
            let m = t[0].wrapping_mul(self.n0_inverse);
            let mut carry = (Wide::from(t[0]) + Wide::from(m) * Wide::from(n[0])) >> Limb::BITS;
            for j in 1..len {
                let sum = Wide::from(t[j]) + Wide::from(m) * Wide::from(n[j]) + carry;
                t[j - 1] = sum as Limb;
                carry = sum >> Limb::BITS;
            }
            let sum = Wide::from(t[len]) + carry;
            t[len - 1] = sum as Limb;
            t[len] = t[len + 1] + (sum >> Limb::BITS) as Limb;
        }
        let high = t[len];
        t.truncate(len);
        if high != 0 || compare(&t, n) != std::cmp::Ordering::Less {
            subtract(&mut t, n);
        }
        t
    }
}

fn strip_zeros(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|&byte| byte != 0)
        .unwrap_or(bytes.len());
    &bytes[start..]
}

/// Big-endian bytes as `len` little-endian limbs (the bytes fit).
fn limbs(bytes: &[u8], len: usize) -> Vec<Limb> {
    let mut limbs = vec![0 as Limb; len.max(bytes.len().div_ceil(LIMB_BYTES))];
    for (index, &byte) in bytes.iter().rev().enumerate() {
        limbs[index / LIMB_BYTES] |= Limb::from(byte) << (8 * (index % LIMB_BYTES));
    }
    limbs
}

/// Compares two little-endian numbers (the shorter padded with zeros).
fn compare(a: &[Limb], b: &[Limb]) -> std::cmp::Ordering {
    let len = a.len().max(b.len());
    for index in (0..len).rev() {
        let x = a.get(index).copied().unwrap_or(0);
        let y = b.get(index).copied().unwrap_or(0);
        if x != y {
            return x.cmp(&y);
        }
    }
    std::cmp::Ordering::Equal
}

/// x -= n, modulo 2^(len·Limb::BITS).
fn subtract(x: &mut [Limb], n: &[Limb]) {
    let mut borrow = false;
    for (limb, &other) in x.iter_mut().zip(n) {
        let (value, b1) = limb.overflowing_sub(other);
        let (value, b2) = value.overflowing_sub(Limb::from(borrow));
        *limb = value;
        borrow = b1 || b2;
    }
}
