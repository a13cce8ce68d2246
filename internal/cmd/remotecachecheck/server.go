// bazel-remote: built once from its Go module (pinned by the go.sum hash
// below) and served on the loopback interface.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

const (
	bazelRemoteModule  = "github.com/buchgr/bazel-remote/v2"
	bazelRemoteVersion = "v2.6.1"
	// go.sum hash of the module zip (also checked by the Go checksum database on download).
	bazelRemoteSum = "h1:vTMw3VmzjHfmR9jHcnqzQLLuHXRIFkROOcp5Pjke59c="
)

// bazelRemoteBinary returns the path of the bazel-remote binary in
// cache/bin, building it first if it is not there.
func bazelRemoteBinary(cache string) (string, error) {
	bin := filepath.Join(cache, "bin", "bazel-remote-"+bazelRemoteVersion)
	if fi, err := os.Stat(bin); err == nil && fi.Mode().IsRegular() {
		return bin, nil
	}
	say("building %s@%s (once, a few minutes)", bazelRemoteModule, bazelRemoteVersion)
	if err := os.MkdirAll(filepath.Dir(bin), 0o755); err != nil {
		return "", err
	}
	// `go install MODULE@VERSION` also wants the module's version list (for
	// deprecations), which a filtering proxy may refuse: download the pinned
	// version and build it with its own go.sum, outside any module so that no
	// go.mod is touched.
	dl := exec.Command("go", "mod", "download", "-json", bazelRemoteModule+"@"+bazelRemoteVersion)
	dl.Dir = filepath.Dir(bin)
	dl.Env = append(os.Environ(), "GOFLAGS=", "GOWORK=off")
	dl.Stderr = os.Stderr
	out, err := dl.Output()
	var mod struct{ Dir, Sum, Error string }
	if jerr := json.Unmarshal(out, &mod); jerr != nil {
		return "", fmt.Errorf("go mod download %s@%s: %v (%v)", bazelRemoteModule, bazelRemoteVersion, err, jerr)
	}
	if mod.Error != "" || err != nil {
		return "", fmt.Errorf("go mod download %s@%s: %v %s", bazelRemoteModule, bazelRemoteVersion, err, mod.Error)
	}
	if mod.Sum != bazelRemoteSum {
		return "", fmt.Errorf("%s@%s has hash %q, want %s", bazelRemoteModule, bazelRemoteVersion, mod.Sum, bazelRemoteSum)
	}
	tmp := fmt.Sprintf("%s.tmp.%d", bin, os.Getpid())
	build := exec.Command("go", "build", "-trimpath", "-o", tmp, ".")
	build.Dir = mod.Dir
	build.Env = append(os.Environ(), "CGO_ENABLED=0", "GOFLAGS=-mod=readonly", "GOWORK=off")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("building bazel-remote: %v", err)
	}
	return bin, os.Rename(tmp, bin)
}

// A server is a running bazel-remote.
type server struct {
	cmd       *exec.Cmd
	done      chan error
	httpAddr  string
	grpcAddr  string
	dir, log  string
	maxSizeGB int
}

// freePort returns a loopback TCP port that was free a moment ago.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func startServer(bin, dir string, maxSizeGB int, logPath string) (*server, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var lastErr error
	for try := 0; try < 5; try++ {
		hp, err := freePort()
		if err != nil {
			return nil, err
		}
		gp, err := freePort()
		if err != nil {
			return nil, err
		}
		if hp == gp {
			continue
		}
		logf, err := os.Create(logPath)
		if err != nil {
			return nil, err
		}
		s := &server{
			httpAddr: fmt.Sprintf("127.0.0.1:%d", hp), grpcAddr: fmt.Sprintf("127.0.0.1:%d", gp),
			dir: dir, log: logPath, maxSizeGB: maxSizeGB, done: make(chan error, 1),
		}
		s.cmd = exec.Command(bin, "--dir", dir, "--max_size", fmt.Sprint(maxSizeGB),
			"--http_address", s.httpAddr, "--grpc_address", s.grpcAddr,
			"--idle_timeout", "3h", "--access_log_level", "none", "--log_timezone", "none")
		s.cmd.Stdout, s.cmd.Stderr = logf, logf
		if err := s.cmd.Start(); err != nil {
			logf.Close()
			return nil, err
		}
		logf.Close()
		go func() { s.done <- s.cmd.Wait() }()
		if lastErr = s.waitUp(10 * time.Second); lastErr == nil {
			return s, nil
		}
		s.stop()
		say("bazel-remote did not come up on %s/%s: %v", s.httpAddr, s.grpcAddr, lastErr)
	}
	return nil, fmt.Errorf("could not start bazel-remote (log: %s): %v", logPath, lastErr)
}

func (s *server) waitUp(limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		select {
		case err := <-s.done:
			s.done <- err
			return fmt.Errorf("exited: %v: %s", err, tail(s.log, 3))
		default:
		}
		if _, err := s.status(); err == nil {
			if c, err := net.DialTimeout("tcp", s.grpcAddr, time.Second); err == nil {
				c.Close()
				return nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("not listening after %v", limit)
}

func (s *server) stop() {
	if s == nil || s.cmd == nil || s.cmd.Process == nil {
		return
	}
	s.cmd.Process.Signal(os.Interrupt)
	select {
	case <-s.done:
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
		<-s.done
	}
}

func (s *server) url() string { return "grpc://" + s.grpcAddr }

// serverStatus is bazel-remote's /status.
type serverStatus struct {
	CurrSize, UncompressedSize, MaxSize int64
	NumFiles                            int64
}

func (s *server) status() (*serverStatus, error) {
	resp, err := http.Get("http://" + s.httpAddr + "/status")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("/status: %s", resp.Status)
	}
	var st serverStatus
	if err := json.NewDecoder(resp.Body).Decode(&st); err != nil {
		return nil, fmt.Errorf("/status: %v", err)
	}
	return &st, nil
}

// blob reads a blob of the content-addressed store by its sha256.
func (s *server) blob(hash string) ([]byte, error) {
	resp, err := http.Get("http://" + s.httpAddr + "/cas/" + hash)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("cas/%s: %s", hash, resp.Status)
	}
	return io.ReadAll(resp.Body)
}

// tail is the last n lines of the file at path, for error messages.
func tail(path string, n int) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
