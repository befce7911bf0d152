module github.com/acme/shop/libs/proto

go 1.23

require (
	google.golang.org/grpc v1.69.2
	google.golang.org/protobuf v1.36.1
)
