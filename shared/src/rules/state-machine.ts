/**
 * A state machine as data: the states a record may be created in, and every allowed change of
 * state. Pure, so that the code that changes a status, the tests and the database guard installed
 * by a migration (bff `status_transitions`) all read the one table. Staying in the same state is
 * not a transition (an idempotent replay writes the same status again) and is always allowed.
 */
export interface StateMachine<S extends string> {
  /** The name the database guard knows the machine by, e.g. `claim`. */
  name: string;
  states: readonly S[];
  /** States an INSERT may create a record in. */
  initial: readonly S[];
  /** For each state, the states it may move to. */
  transitions: Readonly<Record<S, readonly S[]>>;
}

/** Thrown when code asks for a change of state the machine does not list: a bug, never user input. */
export class IllegalTransitionError extends Error {
  constructor(
    readonly machine: string,
    readonly from: string,
    readonly to: string,
  ) {
    super(`illegal ${machine} transition: ${from} → ${to}`);
    this.name = 'IllegalTransitionError';
  }
}

export const canTransition = <S extends string>(machine: StateMachine<S>, from: S, to: S): boolean =>
  from === to || (Object.hasOwn(machine.transitions, from) && machine.transitions[from].includes(to));

export const assertTransition = <S extends string>(machine: StateMachine<S>, from: S, to: S): void => {
  if (!canTransition(machine, from, to)) throw new IllegalTransitionError(machine.name, from, to);
};

/** Every allowed `[from, to]` pair, `from` null for a creation, in a stable order. */
export const transitionPairs = <S extends string>(machine: StateMachine<S>): [S | null, S][] => [
  ...machine.initial.map((to): [S | null, S] => [null, to]),
  ...machine.states.flatMap((from) => (machine.transitions[from] ?? []).map((to): [S | null, S] => [from, to])),
];
