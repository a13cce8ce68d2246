module linkprobe

go 1.26
