/**
 * @module api/routes/rescue/present
 * The JSON shape of a rescue event, with what the caller may do with it, from the permission table.
 */
import { can } from '../../../domain/access/authorize.ts';
import type { Actor } from '../../../domain/access/roles.ts';
import type { RescueEventView } from '../../../domain/rescue/get-rescue-event.ts';
import { rescueScope, type RescueEvent } from '../../../domain/rescue/rescue-event.ts';

/** @example presentRescueEvent(view, actor) // { …event, persons, allowed: ['update', 'decide'] } */
export function presentRescueEvent(event: RescueEvent | RescueEventView, actor: Actor) {
  const record = rescueScope(event);
  const allowed = (['update', 'decide'] as const).filter((action) => can({ actor, action, resource: 'rescue', record }));
  return { ...event, allowed };
}
