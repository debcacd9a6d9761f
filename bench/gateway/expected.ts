import { AUTHOR, AUTHOR_REVIEWS, IN_STOCK, PRODUCTS, REVIEWS, USERS, shippingEstimate } from './data.ts';

/** The answer the benchmark's query must get, computed from the data alone (no gateway involved). */
export function expectedAnswer() {
  const product = (upc: string) => {
    const p = PRODUCTS.find((x) => x.upc === upc)!;
    return { inStock: IN_STOCK[upc] ?? null, name: p.name, price: p.price, shippingEstimate: shippingEstimate(p.price, p.weight), upc, weight: p.weight };
  };
  const review = (r: (typeof REVIEWS)[number]) => ({ id: r.id, body: r.body });
  const authorUser = { id: AUTHOR.id, username: AUTHOR.username, name: USERS.find((u) => u.id === AUTHOR.id)!.name };
  const author = { ...authorUser, reviews: AUTHOR_REVIEWS.map((r) => ({ ...review(r), product: product(r.upc) })) };
  const productWithReviews = (upc: string) => ({ ...product(upc), reviews: REVIEWS.filter((r) => r.upc === upc).map((r) => ({ ...review(r), author })) });
  return {
    data: {
      users: USERS.map((u) => ({ id: u.id, username: u.username, name: u.name, reviews: AUTHOR_REVIEWS.map((r) => ({ ...review(r), product: productWithReviews(r.upc) })) })),
      topProducts: PRODUCTS.slice(0, 5).map((p) => productWithReviews(p.upc)),
    },
  };
}
