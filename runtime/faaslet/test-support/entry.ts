/** Test-only: the state module and the control word in one bundle, so a worker thread shares one "current Faaslet". */
export * from '../../state';
export * from '../control';
