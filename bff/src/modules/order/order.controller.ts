import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  appendSalesTrailRequestSchema,
  createOrderRequestSchema,
  orderListResponseSchema,
  orderSchema,
  type Order,
  type OrderListResponse,
} from '@xiaoan/shared';
import { CurrentCustomer, type AuthenticatedCustomer } from '../../core/auth/authenticated-customer.js';
import { CustomerAuthGuard } from '../../core/auth/customer-auth.guard.js';
import { AppException } from '../../core/errors/app.exception.js';
import { openApiSchema } from '../../core/openapi/zod-openapi.js';
import { parseWith } from '../../core/validation/parse-with.js';
import { AppendSalesTrailUseCase } from './append-sales-trail.use-case.js';
import { CreateOrderUseCase } from './create-order.use-case.js';
import { GetOrderUseCase } from './get-order.use-case.js';
import { ListOrdersUseCase } from './list-orders.use-case.js';
import { ResumeOrderPaymentUseCase } from './resume-order-payment.use-case.js';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new AppException('ORDER_NOT_FOUND') });

@ApiTags('orders')
@ApiBearerAuth()
@UseGuards(CustomerAuthGuard)
@Controller('v1/orders')
export class OrderController {
  constructor(
    private readonly createOrder: CreateOrderUseCase,
    private readonly getOrder: GetOrderUseCase,
    private readonly listOrders: ListOrdersUseCase,
    private readonly resumePayment: ResumeOrderPaymentUseCase,
    private readonly appendSalesTrail: AppendSalesTrailUseCase,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Order a quote for the insured person; returns the wx.requestPayment parameters' })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: '8-64 of [A-Za-z0-9_-]; reuse it when retrying' })
  @ApiBody({ schema: openApiSchema(createOrderRequestSchema, 'input') })
  @ApiOkResponse({ schema: openApiSchema(orderSchema) })
  create(
    @CurrentCustomer() customer: AuthenticatedCustomer,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body() body: unknown,
  ): Promise<Order> {
    return this.createOrder.execute(customer, idempotencyKey, body);
  }

  @Get()
  @ApiOperation({ summary: '我的订单: my orders, newest first, with unpaid, closed and refunded ones and the reason' })
  @ApiOkResponse({ schema: openApiSchema(orderListResponseSchema) })
  async list(@CurrentCustomer() customer: AuthenticatedCustomer): Promise<OrderListResponse> {
    return { items: await this.listOrders.execute(customer.customerId) };
  }

  @Post(':id/payment')
  @HttpCode(200)
  @ApiOperation({
    summary: '继续支付: the same order’s wx.requestPayment parameters while it can be paid (never a second order)',
  })
  @ApiOkResponse({ schema: openApiSchema(orderSchema) })
  resume(@CurrentCustomer() customer: AuthenticatedCustomer, @Param('id', uuid) id: string): Promise<Order> {
    return this.resumePayment.execute(customer, id);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of my orders (poll after paying: issued, or refunded with the reason)' })
  @ApiOkResponse({ schema: openApiSchema(orderSchema) })
  get(@CurrentCustomer() customer: AuthenticatedCustomer, @Param('id', uuid) id: string): Promise<Order> {
    return this.getOrder.execute(customer.customerId, id);
  }

  @Post(':id/trail')
  @HttpCode(204)
  @ApiOperation({ summary: 'Append sales-trail events (payment started / result) to my order' })
  @ApiBody({ schema: openApiSchema(appendSalesTrailRequestSchema, 'input') })
  async appendTrail(
    @CurrentCustomer() customer: AuthenticatedCustomer,
    @Param('id', uuid) id: string,
    @Body() body: unknown,
  ): Promise<void> {
    const { events } = parseWith(appendSalesTrailRequestSchema, body);
    await this.appendSalesTrail.execute(customer.customerId, id, events);
  }
}
