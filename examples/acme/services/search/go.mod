module github.com/acme/shop/services/search

go 1.23

require (
	github.com/opensearch-project/opensearch-go/v4 v4.3.0
	github.com/prometheus/client_golang v1.20.5
	go.uber.org/zap v1.27.0
)
