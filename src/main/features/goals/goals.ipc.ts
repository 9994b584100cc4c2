import type { Handlers } from '../../ipc/dispatch';
import type { GoalChanges, GoalInput, GoalsService, StrategyChoiceInput } from './goals.service';

/** IPC handlers of goals and strategy choices (inputs already parsed by dispatch). */
export function goalsHandlers(
  goals: GoalsService,
): Pick<
  Handlers,
  | 'goals:get'
  | 'goals:create'
  | 'goals:update'
  | 'strategies:list'
  | 'strategies:choose'
  | 'strategies:archive'
  | 'occupations:search'
> {
  return {
    'goals:get': ({ caseId }) => goals.getGoal(caseId),
    'strategies:list': ({ caseId }) => goals.strategyOverview(caseId),
    'occupations:search': ({ query, limit }) => goals.searchOccupations(query, limit),
    'goals:create': ({ caseId, values }) => goals.createGoal(caseId, values as GoalInput),
    'goals:update': ({ goalId, changes, expectedRowVersion }) =>
      goals.updateGoal(goalId, changes as GoalChanges, expectedRowVersion),
    'strategies:choose': ({ caseId, values }) => goals.chooseStrategy(caseId, values as StrategyChoiceInput),
    'strategies:archive': ({ choiceId }) => goals.archiveStrategy(choiceId),
  };
}
