module example.com/legacy

go 1.16

require (
	github.com/sirupsen/logrus v1.8.1
	golang.org/x/sys v0.0.0-20191026070338-33540a1f6037 // indirect
)
