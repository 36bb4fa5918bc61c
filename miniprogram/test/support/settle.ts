import { act } from '@testing-library/react';

/**
 * Lets what a page still loads (its requests over the fake API resolve in microtasks) arrive inside
 * act(), so a test that has checked what it wanted does not end with React updating outside it.
 */
export const settle = (ms = 0): Promise<void> => act(() => new Promise<void>((resolve) => setTimeout(resolve, ms)));
