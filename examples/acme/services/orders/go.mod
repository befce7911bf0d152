module github.com/acme/shop/services/orders

go 1.23

require (
	github.com/go-chi/chi/v5 v5.2.0
	github.com/jackc/pgx/v5 v5.7.2
)
