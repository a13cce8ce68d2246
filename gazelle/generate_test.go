package gazelle

import (
	"bytes"
	"flag"
	"log"
	"strings"
	"testing"

	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/language"
)

// The golden cases cover generation; this is the one situation they cannot show, since their
// Gazelle always lists the Go extension first.
func TestWarnsWhenGoDidNotRunFirst(t *testing.T) {
	var buf bytes.Buffer
	prev := log.Writer()
	log.SetOutput(&buf)
	defer log.SetOutput(prev)
	l := NewLanguage().(*nocgoLang)
	c := config.New()
	l.RegisterFlags(flag.NewFlagSet("test", flag.ContinueOnError), "update", c)
	for range 2 {
		res := l.GenerateRules(language.GenerateArgs{Config: c, Rel: "pkg", RegularFiles: []string{"pkg.go"}})
		if len(res.Gen)+len(res.Empty) != 0 {
			t.Errorf("GenerateRules without the Go extension's rules returned %v, %v", res.Gen, res.Empty)
		}
	}
	if got := strings.Count(buf.String(), "list @gazelle//language/go before @rules_nocgo//gazelle"); got != 1 {
		t.Errorf("warning printed %d times; want once:\n%s", got, buf.String())
	}
}
