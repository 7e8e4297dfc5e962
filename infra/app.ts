#!/usr/bin/env node
import { createApp } from './create-app';

createApp().app.synth();
