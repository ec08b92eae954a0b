//! Decode-validate-compute types and logic, the twin of http-json/go/quote.go.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

/// Request body of POST /v1/quote. `default` mirrors Go's zero values for
/// missing fields, so both sides reject the same bodies in validate().
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Order {
    pub customer_id: String,
    pub currency: String,
    pub coupon: String,
    pub items: Vec<Item>,
}

/// One order line.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Item {
    pub sku: String,
    pub quantity: i64,
    pub unit_price_cents: i64,
    pub tags: Vec<String>,
}

/// Response body; field order matches the Go struct (byte-identical JSON).
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Quote {
    pub customer_id: String,
    pub currency: String,
    pub lines: usize,
    pub units: i64,
    pub subtotal_cents: i64,
    pub discount_cents: i64,
    pub tax_cents: i64,
    pub total_cents: i64,
    pub distinct_tags: usize,
    pub sku_digest: String,
}

/// Tax per accepted currency in basis points (integer maths keeps Go and Rust equal).
fn tax_basis_points(currency: &str) -> Option<i64> {
    match currency {
        "EUR" | "GBP" => Some(2000),
        "USD" => Some(800),
        "JPY" => Some(1000),
        "CHF" => Some(810),
        _ => None,
    }
}

fn coupon_basis_points(coupon: &str) -> Option<i64> {
    match coupon {
        "" => Some(0),
        "SAVE10" => Some(1000),
        "SAVE25" => Some(2500),
        _ => None,
    }
}

/// First problem, checked in the same order and worded as the Go side.
pub fn validate(o: &Order) -> Result<(), String> {
    if o.customer_id.is_empty() || o.customer_id.len() > 64 {
        return Err("customer_id must be 1..64 bytes".into());
    }
    if tax_basis_points(&o.currency).is_none() {
        return Err(format!("currency {:?} is not supported", o.currency));
    }
    if coupon_basis_points(&o.coupon).is_none() {
        return Err(format!("coupon {:?} is not known", o.coupon));
    }
    if o.items.is_empty() || o.items.len() > 100 {
        return Err("items must have 1..100 lines".into());
    }
    for (i, it) in o.items.iter().enumerate() {
        if it.sku.is_empty() || it.sku.len() > 32 {
            return Err(format!("items[{i}].sku must be 1..32 bytes"));
        }
        if !(1..=1000).contains(&it.quantity) {
            return Err(format!("items[{i}].quantity must be 1..1000"));
        }
        if !(0..=10_000_000).contains(&it.unit_price_cents) {
            return Err(format!("items[{i}].unit_price_cents must be 0..10000000"));
        }
    }
    Ok(())
}

/// FNV-1a 64 over every SKU followed by a 0 byte (same as Go's fnv1a64).
fn fnv1a64(o: &Order) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for it in &o.items {
        for b in it.sku.bytes().chain(std::iter::once(0u8)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    h
}

/// Prices a validated order.
pub fn quote(o: &Order) -> Quote {
    let mut units = 0i64;
    let mut subtotal = 0i64;
    let mut tags: HashSet<&str> = HashSet::new();
    for it in &o.items {
        units += it.quantity;
        subtotal += it.quantity * it.unit_price_cents;
        for t in &it.tags {
            tags.insert(t);
        }
    }
    let discount = subtotal * coupon_basis_points(&o.coupon).unwrap_or(0) / 10_000;
    let tax = (subtotal - discount) * tax_basis_points(&o.currency).unwrap_or(0) / 10_000;
    Quote {
        customer_id: o.customer_id.clone(),
        currency: o.currency.clone(),
        lines: o.items.len(),
        units,
        subtotal_cents: subtotal,
        discount_cents: discount,
        tax_cents: tax,
        total_cents: subtotal - discount + tax,
        distinct_tags: tags.len(),
        sku_digest: format!("{:016x}", fnv1a64(o)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixture_prices_like_go() {
        let body = include_str!("../../request.json");
        let o: Order = serde_json::from_str(body).unwrap();
        validate(&o).unwrap();
        let q = quote(&o);
        // Same figures as the Go test (quote_test.go): the pair must agree.
        assert_eq!(
            serde_json::to_string(&q).unwrap(),
            r#"{"customer_id":"cust-000042","currency":"EUR","lines":12,"units":30,"subtotal_cents":307110,"discount_cents":30711,"tax_cents":55279,"total_cents":331678,"distinct_tags":14,"sku_digest":"1e48f65248e21eeb"}"#
        );
    }

    #[test]
    fn validation_messages_match_go() {
        let o: Order = serde_json::from_str(r#"{"customer_id":"x","currency":"XXX"}"#).unwrap();
        assert_eq!(validate(&o).unwrap_err(), r#"currency "XXX" is not supported"#);
        let o: Order = serde_json::from_str(r#"{"customer_id":"x","currency":"EUR"}"#).unwrap();
        assert_eq!(validate(&o).unwrap_err(), "items must have 1..100 lines");
        let o: Order =
            serde_json::from_str(r#"{"customer_id":"x","currency":"EUR","items":[{"sku":"a","quantity":0}]}"#).unwrap();
        assert_eq!(validate(&o).unwrap_err(), "items[0].quantity must be 1..1000");
    }
}
