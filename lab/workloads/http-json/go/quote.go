package main

import "fmt"

// Order is the request body of POST /v1/quote.
type Order struct {
	CustomerID string `json:"customer_id"`
	Currency   string `json:"currency"`
	Coupon     string `json:"coupon"`
	Items      []Item `json:"items"`
}

// Item is one order line.
type Item struct {
	SKU            string   `json:"sku"`
	Quantity       int64    `json:"quantity"`
	UnitPriceCents int64    `json:"unit_price_cents"`
	Tags           []string `json:"tags"`
}

// Quote is the response body. Field order matches the Rust struct so both
// servers emit byte-identical JSON for the same request.
type Quote struct {
	CustomerID    string `json:"customer_id"`
	Currency      string `json:"currency"`
	Lines         int    `json:"lines"`
	Units         int64  `json:"units"`
	SubtotalCents int64  `json:"subtotal_cents"`
	DiscountCents int64  `json:"discount_cents"`
	TaxCents      int64  `json:"tax_cents"`
	TotalCents    int64  `json:"total_cents"`
	Tags          int    `json:"distinct_tags"`
	SKUDigest     string `json:"sku_digest"`
}

// taxBasisPoints per accepted currency; integer maths keeps Go and Rust equal.
var taxBasisPoints = map[string]int64{"EUR": 2000, "USD": 800, "GBP": 2000, "JPY": 1000, "CHF": 810}

var couponBasisPoints = map[string]int64{"SAVE10": 1000, "SAVE25": 2500}

// validate returns the first problem, checked in the same order as the Rust side.
func validate(o *Order) error {
	if o.CustomerID == "" || len(o.CustomerID) > 64 {
		return fmt.Errorf("customer_id must be 1..64 bytes")
	}
	if _, ok := taxBasisPoints[o.Currency]; !ok {
		return fmt.Errorf("currency %q is not supported", o.Currency)
	}
	if o.Coupon != "" {
		if _, ok := couponBasisPoints[o.Coupon]; !ok {
			return fmt.Errorf("coupon %q is not known", o.Coupon)
		}
	}
	if len(o.Items) == 0 || len(o.Items) > 100 {
		return fmt.Errorf("items must have 1..100 lines")
	}
	for i, it := range o.Items {
		if it.SKU == "" || len(it.SKU) > 32 {
			return fmt.Errorf("items[%d].sku must be 1..32 bytes", i)
		}
		if it.Quantity < 1 || it.Quantity > 1000 {
			return fmt.Errorf("items[%d].quantity must be 1..1000", i)
		}
		if it.UnitPriceCents < 0 || it.UnitPriceCents > 10_000_000 {
			return fmt.Errorf("items[%d].unit_price_cents must be 0..10000000", i)
		}
	}
	return nil
}

// fnv1a64 over every SKU followed by a 0 byte: a cheap digest both sides
// compute identically, so the response proves the same work was done.
func fnv1a64(o *Order) uint64 {
	h := uint64(0xcbf29ce484222325)
	for _, it := range o.Items {
		for i := 0; i < len(it.SKU); i++ {
			h ^= uint64(it.SKU[i])
			h *= 0x100000001b3
		}
		h ^= 0
		h *= 0x100000001b3
	}
	return h
}

// quote computes the priced order (call validate first).
func quote(o *Order) Quote {
	var units, subtotal int64
	tags := make(map[string]struct{})
	for _, it := range o.Items {
		units += it.Quantity
		subtotal += it.Quantity * it.UnitPriceCents
		for _, t := range it.Tags {
			tags[t] = struct{}{}
		}
	}
	discount := subtotal * couponBasisPoints[o.Coupon] / 10_000
	tax := (subtotal - discount) * taxBasisPoints[o.Currency] / 10_000
	return Quote{
		CustomerID:    o.CustomerID,
		Currency:      o.Currency,
		Lines:         len(o.Items),
		Units:         units,
		SubtotalCents: subtotal,
		DiscountCents: discount,
		TaxCents:      tax,
		TotalCents:    subtotal - discount + tax,
		Tags:          len(tags),
		SKUDigest:     fmt.Sprintf("%016x", fnv1a64(o)),
	}
}
