export { decisionForm } from '../shared/decision-form';
