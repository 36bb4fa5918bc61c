import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

export interface AuthenticatedCustomer {
  customerId: string;
  openid: string;
  sessionId: string;
}

/** The customer of the bearer session, set by CustomerAuthGuard. */
export const CurrentCustomer = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedCustomer => {
    const request = context.switchToHttp().getRequest<{ customer?: AuthenticatedCustomer }>();
    if (!request.customer) throw new Error('CurrentCustomer used on a route without CustomerAuthGuard');
    return request.customer;
  },
);
