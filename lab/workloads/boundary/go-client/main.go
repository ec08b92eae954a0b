// Command boundary-client measures a Go-to-Rust network round trip on
// loopback: sequential unary gRPC calls (grpc-go to tonic) or HTTP/JSON
// POSTs (net/http to axum), one in flight, after a warm-up. It prints ONE
// JSON object {mode, calls, payload_bytes, p50_us, p90_us, p99_us, p999_us,
// max_us, mean_us}.
//
// The pb package is generated, not committed: run protoc first (see the
// boundary README or the manifest's build steps).
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	"gorust.local/workloads/boundary/go-client/pb"
	"gorust.local/workloads/internal/labkit"
)

// Result is the one JSON object printed on stdout.
type Result struct {
	Mode         string  `json:"mode"`
	Calls        int     `json:"calls"`
	PayloadBytes int     `json:"payload_bytes"`
	P50us        float64 `json:"p50_us"`
	P90us        float64 `json:"p90_us"`
	P99us        float64 `json:"p99_us"`
	P999us       float64 `json:"p999_us"`
	MaxUs        float64 `json:"max_us"`
	MeanUs       float64 `json:"mean_us"`
}

// caller makes one round trip carrying seq and checks the echo.
type caller func(seq uint64) error

func main() {
	addr := flag.String("addr", "", "server address host:port (loopback), from its listening line")
	mode := flag.String("mode", "grpc", "grpc | http")
	calls := flag.Int("calls", 10000, "measured calls")
	warmup := flag.Int("warmup", 1000, "unmeasured calls first (connection set-up, JIT-free but caches and pools)")
	payload := flag.Int("payload", 1024, "payload bytes per call")
	threads := flag.Int("threads", 1, "GOMAXPROCS of the client")
	flag.Parse()
	runtime.GOMAXPROCS(*threads)
	if err := labkit.CheckLoopback(*addr); err != nil {
		labkit.Fatal(err)
	}
	if *calls <= 0 || *warmup < 0 || *payload < 0 {
		labkit.Fatal(errors.New("--calls must be positive, --warmup and --payload not negative"))
	}
	call, closeFn, err := newCaller(*mode, *addr, *payload)
	if err != nil {
		labkit.Fatal(err)
	}
	defer closeFn()
	res, err := run(call, *warmup, *calls)
	if err != nil {
		labkit.Fatal(err)
	}
	res.Mode, res.PayloadBytes = *mode, *payload
	out, _ := json.Marshal(res)
	fmt.Println(string(out))
}

func newCaller(mode, addr string, size int) (caller, func(), error) {
	switch mode {
	case "grpc":
		return grpcCaller(addr, size)
	case "http":
		return httpCaller(addr, size)
	}
	return nil, nil, fmt.Errorf("unknown --mode %q (want grpc or http)", mode)
}

func grpcCaller(addr string, size int) (caller, func(), error) {
	conn, err := grpc.NewClient("passthrough:///"+addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return nil, nil, err
	}
	client := pb.NewEchoClient(conn)
	payload := bytes.Repeat([]byte{'x'}, size)
	return func(seq uint64) error {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		r, err := client.Echo(ctx, &pb.EchoRequest{Seq: seq, Payload: payload})
		if err != nil {
			return err
		}
		if r.GetSeq() != seq || len(r.GetPayload()) != size {
			return fmt.Errorf("bad echo for seq %d", seq)
		}
		return nil
	}, func() { _ = conn.Close() }, nil
}

type jsonEcho struct {
	Seq     uint64 `json:"seq"`
	Payload string `json:"payload"`
}

func httpCaller(addr string, size int) (caller, func(), error) {
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 1}}
	url := "http://" + addr + "/echo"
	payload := strings.Repeat("x", size)
	return func(seq uint64) error {
		body, _ := json.Marshal(jsonEcho{Seq: seq, Payload: payload})
		resp, err := client.Post(url, "application/json", bytes.NewReader(body))
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		raw, err := io.ReadAll(resp.Body)
		if err != nil {
			return err
		}
		var r jsonEcho
		if resp.StatusCode != http.StatusOK || json.Unmarshal(raw, &r) != nil || r.Seq != seq || len(r.Payload) != size {
			return fmt.Errorf("bad echo for seq %d: HTTP %d", seq, resp.StatusCode)
		}
		return nil
	}, client.CloseIdleConnections, nil
}

// run makes warmup then calls sequential round trips and summarises the
// measured ones (nearest-rank percentiles; one call in flight, so there is
// no coordinated omission to correct).
func run(call caller, warmup, calls int) (Result, error) {
	for i := 0; i < warmup; i++ {
		if err := call(uint64(i)); err != nil {
			return Result{}, fmt.Errorf("warm-up call %d: %w", i, err)
		}
	}
	lat := make([]time.Duration, calls)
	var total time.Duration
	for i := range lat {
		start := time.Now()
		if err := call(uint64(warmup + i)); err != nil {
			return Result{}, fmt.Errorf("call %d: %w", i, err)
		}
		lat[i] = time.Since(start)
		total += lat[i]
	}
	return summarise(lat, total), nil
}

func summarise(lat []time.Duration, total time.Duration) Result {
	slices.Sort(lat)
	us := func(d time.Duration) float64 { return float64(d.Nanoseconds()/10) / 100 }
	rank := func(p float64) time.Duration {
		i := int(p*float64(len(lat))+0.999999) - 1
		return lat[max(0, min(i, len(lat)-1))]
	}
	return Result{
		Calls:  len(lat),
		P50us:  us(rank(0.50)),
		P90us:  us(rank(0.90)),
		P99us:  us(rank(0.99)),
		P999us: us(rank(0.999)),
		MaxUs:  us(lat[len(lat)-1]),
		MeanUs: us(total / time.Duration(len(lat))),
	}
}

func init() {
	// Keep flag errors and usage on stderr only; stdout carries the JSON.
	flag.CommandLine.SetOutput(os.Stderr)
}
