/** The rules the selected request matched, from the traffic slice (what the Rules panel highlights). */
export { selectSelectedRequestHops } from '../../../state/trafficSlice';
