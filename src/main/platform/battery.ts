import { powerMonitor } from 'electron';
import type { BatteryPort } from '../features/outreach/outreach.service';

/**
 * The battery as Electron's powerMonitor tells it: whether the device runs on battery. Electron
 * gives no charge level, so the per cent stays unknown (the readiness check says so).
 */
export const electronBattery: BatteryPort = {
  async status() {
    try {
      return { available: true, onBattery: powerMonitor.isOnBatteryPower(), percent: null };
    } catch {
      return { available: false };
    }
  },
};
