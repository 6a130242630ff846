/** A counter in the global tier: pulled, added to and pushed by Faaslets on both hosts under the global write lock. */
import lessonGlobalCounter from '../lessons/04-locks/global_counter.c?raw';

/** The same code as lesson 4's global counter: one file to keep right. */
export const GLOBAL_COUNTER_C = lessonGlobalCounter.replace('lesson4/global_counter', 'demo/global_counter');
