/** A function with a zygote: the work it does once, kept in its Proto-Faaslet. */
import lessonZygote from '../lessons/06-proto/zygote.c?raw';

/** The same code as lesson 6: one file to keep right. */
export const ZYGOTE_C = lessonZygote.replace('lesson6/zygote', 'demo/zygote');
