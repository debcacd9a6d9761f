import { Box, Flex, Heading, Link as ChakraLink, Stack, Text } from '@chakra-ui/react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Preferences } from '../../app/Preferences.tsx';

/** The layout of the pages a mailed link leads to, before sign-in: the same frame as the sign-in form. */
export function MailLayout({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box as="main" maxW="md" mx="auto" mt={{ base: 6, md: 16 }} px={4}>
      <Flex justify="end" mb={{ base: 6, md: 8 }}><Preferences /></Flex>
      <Heading as="h1" size="xl" mb={6} tabIndex={-1}>{title}</Heading>
      <Stack gap={4}>{children}</Stack>
    </Box>
  );
}

export function MailText({ children, alert = false }: { children: ReactNode; alert?: boolean }) {
  return <Text role={alert ? 'alert' : undefined} color={alert ? 'fg.error' : undefined}>{children}</Text>;
}

export function MailLink({ to, children }: { to: string; children: ReactNode }) {
  return <ChakraLink asChild color="brand.fg" textDecoration="underline" alignSelf="start"><Link to={to}>{children}</Link></ChakraLink>;
}
