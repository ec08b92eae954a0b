// Command stall-server is the lab's self-test target: a trivial HTTP server that stops answering ALL requests
// for --stall-for every --stall-every (default 1 s every 10 s), the way a stop-the-world pause would. Requests
// that arrive during a stall are held until it ends. With --stall-for=0 it is the trivial server used to measure
// the harness's own latency floor; with --delay=4ms every answer takes that long (the accuracy test's slow server).
// With --rtt=N it instead measures N sequential loopback round trips (raw TCP 1-byte ping-pong and HTTP keep-alive
// GET) in-process and prints one JSON object. With --ping=ADDR it is a second process that sends --ping-n paced
// keep-alive GETs (--ping-rate per second, one at a time) to a server at ADDR and prints their round trips as JSON:
// the fair floor of a load generator, which also talks to the server from another process.
//
// It follows the lab's server contract: --addr (default 127.0.0.1:0), one {"event":"listening","addr":...} line on
// stdout once listening, prompt exit on SIGTERM/SIGINT. As an example of the belt-and-braces watchdogs a lab server
// can carry, it also exits when --parent-pid is no longer alive and, with --watch-stdin, when its stdin (a pipe the
// lab keeps open) reaches EOF, so a SIGKILLed lab never leaves it running.
//
// Build: go build -o stall-server stall-server.go (standard library only).
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"sort"
	"syscall"
	"time"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "listen address (loopback only, unless --namespace-addr)")
	nsAddr := flag.Bool("namespace-addr", false, "allow a non-loopback --addr: only for an address inside a network namespace the caller created (the remote load generator test)")
	stallEvery := flag.Duration("stall-every", 10*time.Second, "period of the stall cycle")
	stallFor := flag.Duration("stall-for", time.Second, "length of each stall (0 disables stalls)")
	parentPid := flag.Int("parent-pid", 0, "exit when this process is gone (0: do not watch)")
	watchStdin := flag.Bool("watch-stdin", false, "exit when stdin reaches EOF (the lab keeps it open as a pipe)")
	rtt := flag.Int("rtt", 0, "measure this many loopback round trips, print JSON and exit")
	delay := flag.Duration("delay", 0, "answer every request after this long (slept, then spun to the microsecond)")
	ping := flag.String("ping", "", "send paced GETs to this loopback address, print their round trips as JSON and exit")
	pingRate := flag.Float64("ping-rate", 100, "GETs per second of --ping")
	pingN := flag.Int("ping-n", 2000, "GETs of --ping (after 10% more as warm-up)")
	flag.Int("threads", 0, "accepted for the server contract; GOMAXPROCS comes from the environment")
	flag.Parse()

	if *ping != "" {
		if err := pacedPing(*ping, *pingRate, *pingN); err != nil {
			fmt.Fprintln(os.Stderr, "ping:", err)
			os.Exit(1)
		}
		return
	}
	if *rtt > 0 {
		if err := measureRoundTrips(*rtt); err != nil {
			fmt.Fprintln(os.Stderr, "rtt:", err)
			os.Exit(1)
		}
		return
	}

	host, _, err := net.SplitHostPort(*addr)
	if err != nil || (!*nsAddr && host != "127.0.0.1" && host != "localhost") {
		fmt.Fprintln(os.Stderr, "--addr must be a loopback address such as 127.0.0.1:0")
		os.Exit(2)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "listen:", err)
		os.Exit(1)
	}

	started := time.Now()
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		t0 := time.Now()
		waitOutStall(started, *stallEvery, *stallFor)
		if *delay > 0 {
			holdUntil(t0.Add(*delay))
		}
		w.Header().Set("Content-Type", "text/plain")
		_, _ = io.WriteString(w, "ok\n")
	})
	mux.HandleFunc("/__stats", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"lang": "go", "uptime_s": time.Since(started).Seconds()})
	})
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}

	done := make(chan struct{}, 1)
	stop := func() {
		select {
		case done <- struct{}{}:
		default:
		}
	}
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT)
	go func() { <-signals; stop() }()
	if *watchStdin {
		go func() { _, _ = io.Copy(io.Discard, os.Stdin); stop() }()
	}
	if *parentPid > 0 {
		go func() {
			for syscall.Kill(*parentPid, 0) == nil {
				time.Sleep(200 * time.Millisecond)
			}
			stop()
		}()
	}

	go func() { _ = srv.Serve(ln) }()
	line, _ := json.Marshal(struct {
		Event string `json:"event"`
		Addr  string `json:"addr"`
	}{"listening", ln.Addr().String()})
	w := bufio.NewWriter(os.Stdout)
	_, _ = w.Write(append(line, '\n'))
	_ = w.Flush()

	<-done
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	_ = srv.Shutdown(ctx)
}

// waitOutStall holds the caller until the current stall (the last stallFor of every stallEvery since start) ends.
func waitOutStall(started time.Time, every, length time.Duration) {
	if length <= 0 || every <= 0 {
		return
	}
	phase := time.Since(started) % every
	if phase >= every-length {
		time.Sleep(every - phase)
	}
}

// holdUntil returns at the deadline to within a few microseconds: Go's timers can wake a millisecond late on a busy
// machine, so sleep to 300 µs before it and spin the rest.
func holdUntil(deadline time.Time) {
	if d := time.Until(deadline) - 300*time.Microsecond; d > 0 {
		time.Sleep(d)
	}
	for time.Now().Before(deadline) {
		runtime.Gosched()
	}
}

type pingResult struct {
	N       int     `json:"n"`
	RateRps float64 `json:"rate_rps"`
	P50Us   float64 `json:"p50_us"`
	P90Us   float64 `json:"p90_us"`
	P99Us   float64 `json:"p99_us"`
	MaxUs   float64 `json:"max_us"`
}

// pacedPing sends n (+10% warm-up) HTTP/1.1 keep-alive GETs to addr, one at a time, each at its turn of a
// constant-rate schedule, and times each from its actual send to the end of its body.
func pacedPing(addr string, rate float64, n int) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil || net.ParseIP(host) == nil {
		return fmt.Errorf("--ping needs host:port, got %q", addr)
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 1}, Timeout: 10 * time.Second}
	url := "http://" + addr + "/"
	interval := time.Duration(float64(time.Second) / rate)
	warm := n / 10
	rtts := make([]float64, 0, n)
	start := time.Now()
	for i := 0; i < n+warm; i++ {
		holdUntil(start.Add(time.Duration(i+1) * interval))
		t0 := time.Now()
		resp, err := client.Get(url)
		if err != nil {
			return err
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if i >= warm {
			rtts = append(rtts, float64(time.Since(t0).Nanoseconds())/1e3)
		}
	}
	out, _ := json.Marshal(pingResult{
		N: n, RateRps: rate,
		P50Us: quantile(rtts, 0.5), P90Us: quantile(rtts, 0.9), P99Us: quantile(rtts, 0.99), MaxUs: quantile(rtts, 1),
	})
	fmt.Println(string(out))
	return nil
}

type rttResult struct {
	TCPP50Us  float64 `json:"tcp_p50_us"`
	TCPP99Us  float64 `json:"tcp_p99_us"`
	HTTPP50Us float64 `json:"http_p50_us"`
	HTTPP99Us float64 `json:"http_p99_us"`
	N         int     `json:"n"`
}

// measureRoundTrips times sequential 1-byte TCP ping-pongs (the netperf TCP_RR floor) and sequential HTTP/1.1
// keep-alive GETs over loopback, both inside this one process.
func measureRoundTrips(n int) error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	defer ln.Close()
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func(c net.Conn) {
				defer c.Close()
				buf := make([]byte, 1)
				for {
					if _, err := io.ReadFull(c, buf); err != nil {
						return
					}
					if _, err := c.Write(buf); err != nil {
						return
					}
				}
			}(conn)
		}
	}()
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		return err
	}
	defer conn.Close()
	buf := []byte{1}
	tcp := make([]float64, 0, n)
	for i := 0; i < n+n/10; i++ { // the first n/10 are warm-up
		t0 := time.Now()
		if _, err := conn.Write(buf); err != nil {
			return err
		}
		if _, err := io.ReadFull(conn, buf); err != nil {
			return err
		}
		if i >= n/10 {
			tcp = append(tcp, float64(time.Since(t0).Nanoseconds())/1e3)
		}
	}

	hln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	hsrv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, "ok\n")
	})}
	go func() { _ = hsrv.Serve(hln) }()
	defer hsrv.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 1}}
	url := "http://" + hln.Addr().String() + "/"
	web := make([]float64, 0, n)
	for i := 0; i < n+n/10; i++ {
		t0 := time.Now()
		resp, err := client.Get(url)
		if err != nil {
			return err
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if i >= n/10 {
			web = append(web, float64(time.Since(t0).Nanoseconds())/1e3)
		}
	}
	out, _ := json.Marshal(rttResult{
		TCPP50Us: quantile(tcp, 0.5), TCPP99Us: quantile(tcp, 0.99),
		HTTPP50Us: quantile(web, 0.5), HTTPP99Us: quantile(web, 0.99), N: n,
	})
	fmt.Println(string(out))
	return nil
}

func quantile(xs []float64, q float64) float64 {
	sort.Float64s(xs)
	if len(xs) == 0 {
		return 0
	}
	i := int(q*float64(len(xs))+0.5) - 1
	if i < 0 {
		i = 0
	}
	if i >= len(xs) {
		i = len(xs) - 1
	}
	return xs[i]
}
