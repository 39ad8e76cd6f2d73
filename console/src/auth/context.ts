import { createContext, useContext } from 'react';
import type { Auth } from './types';

export const AuthContext = createContext<Auth | null>(null);

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth() outside an auth provider');
  return auth;
}
