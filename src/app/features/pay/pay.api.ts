import type { ProductList } from '@shared/schemas/catalogue.ts'
import type { CreateOrderBody, CreateOrderResponse, OrderList, OrderView } from '@shared/schemas/orders.ts'
import type { Http } from '../../platform/http.ts'

/** One shape for everything on sale: the price always comes from the server. */
export const createOrder = (http: Http, body: CreateOrderBody) => http.post<CreateOrderResponse>('/api/orders', body)
/** While pending, the server asks WeChat Pay before answering (a lost notification cannot lock a payer out). */
export const getOrder = (http: Http, id: number) => http.get<OrderView>(`/api/orders/${id}`)
export const listOrders = (http: Http) => http.get<OrderList>('/api/orders')
export const listProducts = (http: Http) => http.get<ProductList>('/api/products')
