import type { Handlers } from '../../ipc/dispatch';
import type { GoalChanges, GoalInput, GoalsService, StrategyChoiceInput } from './goals.service';

/** IPC handlers of goals and strategy choices (inputs already parsed by dispatch). */
export function goalsHandlers(
  goals: GoalsService,
): Pick<Handlers, 'goals:create' | 'goals:update' | 'strategies:choose' | 'strategies:archive'> {
  return {
    'goals:create': ({ caseId, values }) => goals.createGoal(caseId, values as GoalInput),
    'goals:update': ({ goalId, changes, expectedRowVersion }) =>
      goals.updateGoal(goalId, changes as GoalChanges, expectedRowVersion),
    'strategies:choose': ({ caseId, values }) => goals.chooseStrategy(caseId, values as StrategyChoiceInput),
    'strategies:archive': ({ choiceId }) => goals.archiveStrategy(choiceId),
  };
}
