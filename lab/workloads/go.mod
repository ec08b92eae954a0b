module gorust.local/workloads

go 1.26
