module example.com/gateway/agent

go 1.21

toolchain go1.21.6

require (
	github.com/eclipse/paho.mqtt.golang v1.4.3
	golang.org/x/net v0.15.0
	gopkg.in/yaml.v3 v3.0.1
)

require (
	github.com/gorilla/websocket v1.5.0 // indirect
	golang.org/x/sync v0.4.0 // indirect
)
