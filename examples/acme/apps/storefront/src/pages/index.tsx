import { getJson } from '@acme/http-client';

interface Product {
  id: string;
  title: string;
  priceMinor: number;
}

export async function getServerSideProps() {
  const products = await getJson<Product[]>('http://catalog-api/v2/products?featured=true');
  return { props: { products } };
}

export default function Home({ products }: { products: Product[] }) {
  return (
    <main>
      <h1>Made by hand, shipped with care</h1>
      <ul>
        {products.map((p) => (
          <li key={p.id}>{p.title}</li>
        ))}
      </ul>
    </main>
  );
}
