module example.com/agent

go 1.21

require (
	golang.org/x/net v0.17.0
	github.com/gorilla/websocket v1.5.0 // indirect
)
