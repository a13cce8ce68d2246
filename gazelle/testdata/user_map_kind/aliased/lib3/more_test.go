package lib3

import "testing"

func TestMore(t *testing.T) {}
