package main

import (
	"fmt"
	"math"
	"sync"
	"sync/atomic"
)

// ---- binary-trees: allocation and GC (one mutator thread; Go's collector
// may use the other GOMAXPROCS threads, which is part of what is measured).

// Node is a heap-allocated tree node, as in the benchmarks game's Go program.
type Node struct{ left, right *Node }

func bottomUp(depth int) *Node {
	if depth <= 0 {
		return &Node{}
	}
	return &Node{bottomUp(depth - 1), bottomUp(depth - 1)}
}

func (n *Node) check() uint64 {
	if n.left == nil {
		return 1
	}
	return 1 + n.left.check() + n.right.check()
}

// binaryTrees returns the sum of every check the benchmarks game prints.
func binaryTrees(n int) string {
	maxDepth := max(6, n)
	total := bottomUp(maxDepth + 1).check()
	longLived := bottomUp(maxDepth)
	for d := 4; d <= maxDepth; d += 2 {
		iters := 1 << (maxDepth - d + 4)
		var c uint64
		for i := 0; i < iters; i++ {
			c += bottomUp(d).check()
		}
		total += c
	}
	total += longLived.check()
	return fmt.Sprintf("%d", total)
}

// ---- n-body: floating point. Products are wrapped in float64() so Go never
// fuses them into FMA instructions (it may on arm64); Rust never fuses either,
// so both sides round identically and print the same energies.

type body struct{ x, y, z, vx, vy, vz, mass float64 }

const (
	solarMass   = 4 * math.Pi * math.Pi
	daysPerYear = 365.24
)

func planets() []body {
	return []body{
		{0, 0, 0, 0, 0, 0, solarMass},
		{4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01, 1.66007664274403694e-03 * daysPerYear, 7.69901118419740425e-03 * daysPerYear, -6.90460016972063023e-05 * daysPerYear, 9.54791938424326609e-04 * solarMass},
		{8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01, -2.76742510726862411e-03 * daysPerYear, 4.99852801234917238e-03 * daysPerYear, 2.30417297573763929e-05 * daysPerYear, 2.85885980666130812e-04 * solarMass},
		{1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01, 2.96460137564761618e-03 * daysPerYear, 2.37847173959480950e-03 * daysPerYear, -2.96589568540237556e-05 * daysPerYear, 4.36624404335156298e-05 * solarMass},
		{1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01, 2.68067772490389322e-03 * daysPerYear, 1.62824170038242295e-03 * daysPerYear, -9.51592254519715870e-05 * daysPerYear, 5.15138902046611451e-05 * solarMass},
	}
}

func offsetMomentum(bs []body) {
	var px, py, pz float64
	for _, b := range bs {
		px += float64(b.vx * b.mass)
		py += float64(b.vy * b.mass)
		pz += float64(b.vz * b.mass)
	}
	bs[0].vx = -px / solarMass
	bs[0].vy = -py / solarMass
	bs[0].vz = -pz / solarMass
}

func energy(bs []body) float64 {
	var e float64
	for i, b := range bs {
		sq := float64(float64(b.vx*b.vx)+float64(b.vy*b.vy)) + float64(b.vz*b.vz)
		e += float64(0.5 * b.mass * sq)
		for j := i + 1; j < len(bs); j++ {
			dx, dy, dz := b.x-bs[j].x, b.y-bs[j].y, b.z-bs[j].z
			d2 := float64(float64(dx*dx)+float64(dy*dy)) + float64(dz*dz)
			e -= float64(b.mass*bs[j].mass) / math.Sqrt(d2)
		}
	}
	return e
}

func advance(bs []body, dt float64) {
	for i := range bs {
		bi := &bs[i]
		for j := i + 1; j < len(bs); j++ {
			bj := &bs[j]
			dx, dy, dz := bi.x-bj.x, bi.y-bj.y, bi.z-bj.z
			d2 := float64(float64(dx*dx)+float64(dy*dy)) + float64(dz*dz)
			mag := dt / float64(d2*math.Sqrt(d2))
			mi, mj := float64(bi.mass*mag), float64(bj.mass*mag)
			bi.vx -= float64(dx * mj)
			bi.vy -= float64(dy * mj)
			bi.vz -= float64(dz * mj)
			bj.vx += float64(dx * mi)
			bj.vy += float64(dy * mi)
			bj.vz += float64(dz * mi)
		}
	}
	for i := range bs {
		b := &bs[i]
		b.x += float64(dt * b.vx)
		b.y += float64(dt * b.vy)
		b.z += float64(dt * b.vz)
	}
}

// nBody returns the energy before and after n steps, 9 decimals each.
func nBody(n int) string {
	bs := planets()
	offsetMomentum(bs)
	before := energy(bs)
	for i := 0; i < n; i++ {
		advance(bs, 0.01)
	}
	return fmt.Sprintf("%.9f %.9f", before, energy(bs))
}

// ---- mandelbrot: every core. `threads` goroutines pull rows from a shared
// atomic counter (the Rust side uses OS threads and the same counter).

// mandelbrot renders an n x n bitmap (8 pixels a byte, as the benchmarks game
// writes it) and returns its FNV-1a 64 digest and the number of set pixels.
func mandelbrot(n, threads int) string {
	rowBytes := (n + 7) / 8
	bitmap := make([]byte, rowBytes*n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for t := 0; t < threads; t++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				y := int(next.Add(1) - 1)
				if y >= n {
					return
				}
				renderRow(bitmap[y*rowBytes:(y+1)*rowBytes], y, n)
			}
		}()
	}
	wg.Wait()
	h, set := uint64(0xcbf29ce484222325), 0
	for _, b := range bitmap {
		h ^= uint64(b)
		h *= 0x100000001b3
		for ; b != 0; b &= b - 1 {
			set++
		}
	}
	return fmt.Sprintf("%016x/%d", h, set)
}

func renderRow(row []byte, y, n int) {
	ci := float64(2*float64(y))/float64(n) - 1.0
	for x := 0; x < n; x++ {
		cr := float64(2*float64(x))/float64(n) - 1.5
		var zr, zi float64
		in := true
		for i := 0; i < 50; i++ {
			zr2, zi2 := float64(zr*zr), float64(zi*zi)
			if zr2+zi2 > 4.0 {
				in = false
				break
			}
			zi = float64(float64(2*zr)*zi) + ci
			zr = zr2 - zi2 + cr
		}
		if in {
			row[x/8] |= 0x80 >> uint(x%8)
		}
	}
}
